import Hummingbird
import SchedulingCore
import Store

/// An organisation's API tokens for integrations: listed (never the tokens themselves), created
/// with a name and an expiry (the token is in that one answer only), and revoked. Any valid token
/// of the organisation may manage them, as its admin does on the team page.
struct TokenRoutes {
    let services: APIServices

    struct TokenList: Encodable {
        let tokens: [TokenView]
    }

    struct NewToken: Decodable {
        let name: String?
        let expiresAt: String?
    }

    func add(to router: Router<APIRequestContext>) {
        router.get("/v1/tokens") { _, context in
            let caller = try context.require(.adviceCentre, .provider, .admin)
            let tokens = try await services.database.tokens(organisationId: caller.id)
            return try JSONResponse.make(TokenList(tokens: tokens.map { TokenView($0, zone: services.zone, now: services.now()) }))
        }

        router.post("/v1/tokens") { request, context in
            let caller = try context.require(.adviceCentre, .provider, .admin)
            let input = try await JSONBody.decode(NewToken.self, from: request)
            let expiresAt = try input.expiresAt.map { text in
                guard let moment = Timestamp(rfc3339: text) else { throw APIError.invalid(field: "expiresAt", "must be an RFC 3339 time") }
                return moment
            }
            let now = services.now()
            let checked = try APITokenInput(name: input.name, expiresAt: expiresAt).validated(now: now, notAfter: context.callerTokenExpiresAt)
            let issued = try await services.database.issueToken(
                for: caller.id, name: checked.name, expiresAt: checked.expiresAt, createdBy: nil, now: now)
            services.audit.record(.tokenCreated, by: context.actor, subject: issued.info.id)
            var view = TokenView(issued.info, zone: services.zone, now: now)
            view.token = issued.token
            return try JSONResponse.make(view, status: .created)
        }

        router.delete("/v1/tokens/{id}") { _, context in
            let caller = try context.require(.adviceCentre, .provider, .admin)
            let id = try context.parameters.require("id")
            guard try await services.tokens.revoke(id, of: caller.id) else { throw APIError.notFound("token", id) }
            services.audit.record(.tokenRevoked, by: context.actor, subject: id)
            return Response(status: .noContent)
        }
    }
}

/// A token as it is listed; `token` itself only in the answer that created it.
struct TokenView: Encodable {
    let id, name, createdAt: String
    /// Absent: valid until revoked.
    let expiresAt: String?
    let expired: Bool
    var token: String?

    init(_ token: APITokenInfo, zone: CivilZone, now: Timestamp) {
        id = token.id
        name = token.name
        createdAt = zone.rfc3339(token.createdAt)
        expiresAt = token.expiresAt.map { zone.rfc3339($0) }
        expired = token.expiresAt.map { $0 <= now } ?? false
    }
}
