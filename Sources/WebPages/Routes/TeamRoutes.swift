import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// An organisation's people and integrations: everyone sees who works there; its admins invite
/// colleagues, remove accounts, and create and revoke API tokens. A new invitation link or token
/// is shown once, on the answer to the form that made it, and never stored.
struct TeamRoutes {
    let pages: WebPages

    func add(to router: Router<APIRequestContext>) {
        router.get("/staff/team") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, OrganisationKind.allCases)
                return try await teamPage(request, session, created: [:])
            }
        }

        router.post("/staff/team/invitations") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.organisationAdmin(request)
                let form = try await pages.form(request, session)
                guard let role = form["role"].flatMap(StaffRole.init(rawValue:)) else { return .seeOther("/staff/team?problem=role") }
                let secret = try await pages.services.database.invite(
                    to: session.organisation.id, role: role, by: session.account.id, now: pages.services.now())
                pages.services.audit.record(.invitationCreated, by: session.actor(address: context.clientAddress), subject: role.rawValue)
                return try await teamPage(request, session, created: ["invitationLink": pages.services.composer.linkBase.url + "/staff/invitation/" + secret])
            }
        }

        router.post("/staff/team/{id}/remove") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.organisationAdmin(request)
                _ = try await pages.form(request, session)
                let id = context.parameters.get("id") ?? ""
                guard id != session.account.id else { return .seeOther("/staff/team?problem=removeSelf") }
                guard try await pages.services.database.removeAccount(id: id, organisationId: session.organisation.id) else {
                    throw PageExit.error(.notFound, "error.notFound")
                }
                pages.sessions.closeAll(of: id)
                pages.services.audit.record(.accountRemoved, by: session.actor(address: context.clientAddress), subject: id)
                return .seeOther("/staff/team?done=accountRemoved")
            }
        }

        router.post("/staff/tokens") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.organisationAdmin(request)
                let form = try await pages.form(request, session)
                let now = pages.services.now()
                // The form offers 30 to 730 days; anything else (or too large to count) is no expiry at all.
                let days = form["days"].flatMap(Int64.init).flatMap { (1...731).contains($0) ? $0 : nil }
                let input = APITokenInput(
                    name: form["name"], expiresAt: days.map { Timestamp(secondsSinceEpoch: now.secondsSinceEpoch + $0 * 24 * 3600) })
                let checked: (name: String, expiresAt: Timestamp)
                do {
                    checked = try input.validated(now: now)
                } catch {
                    return try pages.refused(request, returningTo: "/staff/team", after: error)
                }
                let issued = try await pages.services.database.issueToken(
                    for: session.organisation.id, name: checked.name, expiresAt: checked.expiresAt, createdBy: session.account.id, now: now)
                pages.services.audit.record(.tokenCreated, by: session.actor(address: context.clientAddress), subject: issued.info.id)
                return try await teamPage(request, session, created: ["token": issued.token, "tokenName": issued.info.name])
            }
        }

        router.post("/staff/tokens/{id}/revoke") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.organisationAdmin(request)
                _ = try await pages.form(request, session)
                let id = context.parameters.get("id") ?? ""
                guard try await pages.services.tokens.revoke(id, of: session.organisation.id) else {
                    throw PageExit.error(.notFound, "error.notFound")
                }
                pages.services.audit.record(.tokenRevoked, by: session.actor(address: context.clientAddress), subject: id)
                return .seeOther("/staff/team?done=tokenRevoked")
            }
        }
    }

    private func teamPage(_ request: Request, _ session: StaffSessions.Session, created: [String: Any]) async throws -> Response {
        let now = pages.services.now()
        let zone = pages.services.zone
        let team = try await pages.services.database.team(of: session.organisation.id, now: now)
        let isAdmin = session.account.role == .admin
        var values = pages.outcomeMessages(request).merging(created) { $1 }
        values["isAdmin"] = isAdmin
        values["accounts"] = team.accounts.map { account -> [String: Any] in
            [
                "id": account.id, "name": account.name, "email": account.email, "role": pages.text("role.\(account.role.rawValue)", request),
                "isSelf": account.id == session.account.id, "removable": isAdmin && account.id != session.account.id,
            ]
        }
        values["openInvitations"] = team.invitationsOpenUntil.map { ["until": zone.rfc3339($0)] }
        values["hasOpenInvitations"] = !team.invitationsOpenUntil.isEmpty
        if isAdmin {
            let tokens = try await pages.services.database.tokens(organisationId: session.organisation.id)
            values["hasTokens"] = !tokens.isEmpty
            values["tokens"] = tokens.map { token -> [String: Any] in
                [
                    "id": token.id, "name": token.name, "created": zone.rfc3339(token.createdAt),
                    "expires": token.expiresAt.map { zone.rfc3339($0) } ?? pages.text("team.noExpiry", request),
                    "expired": token.expiresAt.map { $0 <= now } ?? false,
                ]
            }
        }
        return pages.page(request, titleKey: "team.title", template: "team", values, staff: session)
    }
}
