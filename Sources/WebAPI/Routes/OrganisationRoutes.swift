import Hummingbird
import SchedulingCore

/// The calling organisation and its contact details, which mails and participants' pages name.
struct OrganisationRoutes {
    let services: APIServices

    func add(to router: Router<APIRequestContext>) {
        router.get("/v1/organisations/me") { _, context in
            let caller = try context.require(.adviceCentre, .provider)
            // From the store, not the token cache: contact details change while tokens stay.
            guard let organisation = try await services.database.organisation(id: caller.id) else {
                throw APIError.notFound("organisation", caller.id)
            }
            return try JSONResponse.make(OrganisationView(organisation))
        }

        router.put("/v1/organisations/me/contact") { request, context in
            let caller = try context.require(.adviceCentre, .provider)
            let input = try await JSONBody.decode(OrganisationContactInput.self, from: request)
            guard let organisation = try await services.database.updateContact(try input.validated(), organisationId: caller.id) else {
                throw APIError.notFound("organisation", caller.id)
            }
            return try JSONResponse.make(OrganisationView(organisation))
        }
    }
}

/// An organisation with its public contact details.
struct OrganisationView: Encodable {
    let id, kind, name: String
    let contact: OrganisationContact

    init(_ organisation: Organisation) {
        id = organisation.id
        kind = organisation.kind.rawValue
        name = organisation.name
        contact = organisation.contact
    }
}
