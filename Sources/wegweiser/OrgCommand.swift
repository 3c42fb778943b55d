import ArgumentParser
import Foundation
import SchedulingCore
import Store
import WegweiserApp

/// `wegweiser org …`: organisations and their tokens.
struct Org: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Manage organisations.", subcommands: [Create.self, Invite.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an organisation; print its id, an integration token and its first admin's invitation link.",
            discussion: "Both secrets are shown once; only their hashes are stored. The invitation link works once, for 7 days.")

        @Option(help: "The SQLite database (env WEGWEISER_DB).") var db: String?
        @Option(help: "provider, advice-centre or admin.") var kind: String
        @Option(help: "The organisation's name.") var name: String
        @Option(help: "When the integration token stops working: YYYY-MM-DD (midnight, Europe/Berlin) or RFC 3339; without it, until revoked.")
        var expires: String?
        @Option(help: "Where staff reach the server, for the invitation link (default WEGWEISER_PUBLIC_URL, else http://127.0.0.1:8080).")
        var publicUrl: String?

        func run() throws {
            let organisation: Organisation
            do {
                organisation = try OrganisationInput(kind: kind, name: name).validated(id: "")
            } catch {
                throw ValidationError(error.description)
            }
            let now = SystemClock.now()
            let expiry = try expires.map { text in
                guard let moment = Timestamp(rfc3339: text) ?? LocalDate(iso: text).map({ CivilZone.europeBerlin.instant(LocalDateTime(date: $0, minutes: 0)) }) else {
                    throw ValidationError("--expires must be a date YYYY-MM-DD or an RFC 3339 time, not '\(text)'")
                }
                guard moment > now else { throw ValidationError("--expires must be in the future") }
                return moment
            }
            let database = try AppDatabase(path: Environment.database(db))
            let created = try database.createOrganisation(kind: organisation.kind, name: organisation.name, tokenExpiresAt: expiry, now: now)
            let output = [
                "orgId": created.organisation.id, "token": created.token,
                "invitation": InvitationLink.make(created.invitation, publicURL: publicUrl),
            ]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        }
    }

    /// A new invitation for an organisation that has no admin left, or none yet (a database from
    /// before staff accounts): its admins invite everyone else on the team page.
    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a one-time staff invitation link for an existing organisation (valid 7 days).")

        @Option(help: "The SQLite database (env WEGWEISER_DB).") var db: String?
        @Option(help: "The organisation's id.") var org: String
        @Option(help: "admin or staff (default admin).") var role = "admin"
        @Option(help: "Where staff reach the server, for the link (default WEGWEISER_PUBLIC_URL, else http://127.0.0.1:8080).")
        var publicUrl: String?

        func run() async throws {
            guard let role = StaffRole(rawValue: role) else { throw ValidationError("--role must be admin or staff") }
            let database = try AppDatabase(path: Environment.database(db))
            guard try await database.organisation(id: org) != nil else { throw ValidationError("there is no organisation '\(org)'") }
            let secret = try await database.invite(to: org, role: role, by: nil, now: SystemClock.now())
            print(InvitationLink.make(secret, publicURL: publicUrl))
        }
    }
}
