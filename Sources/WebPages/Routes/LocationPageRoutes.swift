import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// A provider's places: listed, added and changed on forms. A changed place reaches every course
/// held there through the booking engine, so matches and pages show it at once.
struct LocationPageRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }

    func add(to router: Router<APIRequestContext>) {
        router.get("/provider/locations") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let places = try await pages.ownPlaces(session)
                var values: [String: Any] = [
                    "hasPlaces": !places.isEmpty,
                    "places": places.map { ["id": $0.id, "name": $0.name, "address": $0.address, "district": $0.district, "stepFree": $0.stepFree] },
                ]
                values.merge(pages.outcomeMessages(request)) { $1 }
                return pages.page(request, titleKey: "locations.title", template: "locations", values, staff: session)
            }
        }

        router.get("/provider/locations/new") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                return formPage(request, session, LocationForm.blank, action: "/provider/locations/new", titleKey: "locations.new")
            }
        }

        router.post("/provider/locations/new") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                var form = LocationForm(try await pages.form(request, session))
                guard let place = form.validated(id: Identifier.timeOrdered(prefix: "loc"), ownerId: session.organisation.id) else {
                    return formPage(request, session, form, action: "/provider/locations/new", titleKey: "locations.new", status: .unprocessableContent)
                }
                try await services.database.insert(place)
                return .seeOther("/provider/locations?done=locationCreated")
            }
        }

        router.get("/provider/locations/:id/edit") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let place = try await ownPlace(try context.parameters.require("id"), session)
                return formPage(request, session, LocationForm(place), action: "/provider/locations/\(place.id)/edit", titleKey: "locations.edit")
            }
        }

        router.post("/provider/locations/:id/edit") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let place = try await ownPlace(try context.parameters.require("id"), session)
                var form = LocationForm(try await pages.form(request, session))
                let action = "/provider/locations/\(place.id)/edit"
                guard let changed = form.validated(id: place.id, ownerId: place.ownerId, original: place) else {
                    return formPage(request, session, form, action: action, titleKey: "locations.edit", status: .unprocessableContent)
                }
                _ = try await services.submit(.putLocation(changed))
                return .seeOther("/provider/locations?done=locationChanged")
            }
        }
    }

    /// A place of the signed-in provider; another's answers 404.
    private func ownPlace(_ id: String, _ session: StaffSessions.Session) async throws -> Location {
        guard let place = try await services.database.location(id: id),
              session.organisation.kind == .admin || place.ownerId == session.organisation.id else {
            throw PageExit.error(.notFound, "error.notFound")
        }
        return place
    }

    private func formPage(
        _ request: Request, _ session: StaffSessions.Session, _ form: LocationForm, action: String, titleKey: String,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = form.context(pages.renderer.strings, PageLanguage.of(request))
        values["action"] = action
        values["heading"] = pages.text(titleKey, request)
        return pages.page(request, titleKey: titleKey, template: "location-form", values, staff: session, status: status)
    }
}
