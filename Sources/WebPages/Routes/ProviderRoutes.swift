import Hummingbird
import SchedulingCore
import WebAPI

/// The provider workspace: its courses with fill rates (an SVG chart drawn on the server),
/// waiting lists and rosters, and capacity changes through the booking engine.
struct ProviderRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }

    func add(to router: Router<APIRequestContext>) {
        router.get("/provider") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let providerId = session.organisation.kind == .admin ? nil : session.organisation.id
                let cards = CourseCard.all(in: services.catalogue).filter { providerId == nil || $0.course.providerId == providerId }
                let language = PageLanguage.of(request)
                var values: [String: Any] = [
                    "courses": cards.map { $0.context(pages.renderer.strings, language) },
                    "chart": FillRateChart(cards).context,
                ]
                values.merge(pages.outcomeMessages(request)) { $1 }
                return pages.page(request, titleKey: "provider.title", template: "provider", values, staff: session)
            }
        }

        router.post("/provider/courses/:id/capacity") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let form = try await pages.form(request, session)
                let course = try await ownCourse(try context.parameters.require("id"), session)
                guard let capacity = form["capacity"].flatMap(Int.init) else {
                    return .seeOther("/provider?problem=capacity")
                }
                return try await pages.submit(.changeCapacity(courseId: course.id, capacity: capacity), returningTo: "/provider", done: "capacityChanged")
            }
        }

        router.get("/provider/courses/:id/roster") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let course = try await ownCourse(try context.parameters.require("id"), session)
                let lines = try await services.database.roster(courseId: course.id)
                return pages.page(request, titleKey: "roster.title", template: "roster", [
                    "title": course.title,
                    "confirmed": lines.filter { $0.status == .confirmed }.map { ["name": $0.name] },
                    "waitlisted": lines.filter { $0.status == .waitlisted }.enumerated().map { ["name": $1.name, "position": $0 + 1] as [String: Any] },
                ], staff: session)
            }
        }
    }

    /// A course of the signed-in provider; another provider's answers 404.
    private func ownCourse(_ id: String, _ session: StaffSessions.Session) async throws -> Course {
        guard let course = services.catalogue.course(id: id),
              session.organisation.kind == .admin || course.providerId == session.organisation.id else {
            throw PageExit.error(.notFound, "error.notFound")
        }
        return course
    }
}
