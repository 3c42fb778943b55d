import Hummingbird
import SchedulingCore
import WebAPI

/// An organisation's contact details, which participants' mails and pages show: edited by its
/// staff, as over `PUT /v1/organisations/me/contact`.
struct ContactRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }

    func add(to router: Router<APIRequestContext>) {
        router.get("/staff/contact") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre, .provider)
                let organisation = try await services.database.organisation(id: session.organisation.id)
                var values: [String: Any] = ["contact": Self.values(organisation?.contact ?? OrganisationContact())]
                values.merge(pages.outcomeMessages(request)) { $1 }
                return pages.page(request, titleKey: "contact.title", template: "contact", values, staff: session)
            }
        }

        router.post("/staff/contact") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre, .provider)
                let form = try await pages.form(request, session)
                let input = OrganisationContactInput(
                    phone: form["phone"], email: form["email"], address: form["address"], openingHours: form["openingHours"])
                do {
                    _ = try await services.database.updateContact(try input.validated(), organisationId: session.organisation.id)
                    return .seeOther("/staff/contact?done=contactSaved")
                } catch let failure as ValidationFailure {
                    let typed = OrganisationContact(
                        phone: input.phone ?? "", email: input.email ?? "", address: input.address ?? "",
                        openingHours: input.openingHours ?? "")
                    return pages.page(
                        request, titleKey: "contact.title", template: "contact",
                        ["contact": Self.values(typed), "problem": failure.description], staff: session, status: .unprocessableContent)
                }
            }
        }
    }

    private static func values(_ contact: OrganisationContact) -> [String: Any] {
        ["phone": contact.phone, "email": contact.email, "address": contact.address, "openingHours": contact.openingHours]
    }
}
