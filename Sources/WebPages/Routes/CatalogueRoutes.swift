import Hummingbird
import SchedulingCore
import WebAPI

/// `/`: every published course, filterable, with its free seats and calendar feed. Public.
struct CatalogueRoutes {
    let pages: WebPages

    func add(to router: Router<APIRequestContext>) {
        router.get("/") { request, context in
            await pages.guarded(request, context) {
                let query = request.uri.queryParameters
                func value(_ name: String) -> String? { query[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
                let filter = CourseFilter(
                    level: value("level").flatMap(Level.init(rawValue:)), kind: value("kind").flatMap(CourseKind.init(rawValue:)),
                    district: value("district"), womenOnly: value("womenOnly") == "true" ? true : nil,
                    childcare: value("childcare") == "true" ? true : nil, startingFrom: value("from").flatMap(LocalDate.init(iso:)))
                let cards = CourseCard.all(in: pages.services.catalogue)
                let shown = cards.filter { filter.admits($0.course, at: $0.location) }
                    .sorted { ($0.course.startDate, $0.course.title, $0.course.id) < ($1.course.startDate, $1.course.title, $1.course.id) }
                let language = PageLanguage.of(request)
                let strings = pages.renderer.strings
                let context: [String: Any] = [
                    "levels": choices(Level.allCases.filter { $0 != .none }.map { ($0.rawValue, $0.rawValue) }, selected: filter.level?.rawValue),
                    "kinds": choices(CourseKind.allCases.map { ($0.rawValue, strings.text("kind.\($0.rawValue)", language)) }, selected: filter.kind?.rawValue),
                    "districts": choices(Set(cards.map(\.location.district)).sorted().map { ($0, $0) }, selected: value("district")),
                    "from": filter.startingFrom?.description ?? "", "womenOnly": filter.womenOnly == true, "childcare": filter.childcare == true,
                    "count": shown.count, "courses": shown.map { $0.context(strings, language) },
                ]
                return pages.page(request, titleKey: "catalogue.title", template: "catalogue", context, staff: pages.sessions.session(of: request))
            }
        }
    }
}
