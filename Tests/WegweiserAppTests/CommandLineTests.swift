import Foundation
import SchedulingCore
import Testing
import WegweiserApp

/// The built executable, as an operator runs it.
@Suite struct CommandLineTests {
    @Test func orgCreatePrintsOneJSONObjectWithIdAndToken() async throws {
        let scratch = try Scratch()
        let result = try runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "advice-centre", "--name", "AWO Beratung"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(Set(object.keys) == ["orgId", "token", "invitation"])
        let token = try #require(object["token"])
        let grant = try #require(try await scratch.database.grant(bearerToken: token))
        #expect(grant.organisation.name == "AWO Beratung" && grant.token.expiresAt == nil, "without --expires, valid until revoked")
        let link = try #require(object["invitation"])
        #expect(link.hasPrefix("http://127.0.0.1:8080/staff/invitation/"))
        let secret = String(link.dropFirst("http://127.0.0.1:8080/staff/invitation/".count))
        let invitation = try #require(try await scratch.database.invitation(secret, now: SystemClock.now()))
        #expect(invitation.organisation.id == object["orgId"] && invitation.role == .admin)
    }

    @Test func orgCreateRejectsAnUnknownKind() throws {
        let scratch = try Scratch()
        let result = try runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "school", "--name", "X"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("kind: must be one of: provider, advice-centre, admin"))
        #expect(try scratch.database.counts().organisations == 0)
    }

    @Test func serveRefusesAnSMTPURLWithoutSchemeAndAPasswordFileItCannotRead() async throws {
        let scratch = try Scratch()
        let resources: [String] = ["--db", scratch.databasePath, "--port", "0", "--resources", Paths.packageRoot.path]
        let bare = try await offThePool { [resources] in try runWegweiser(["serve", "--smtp-url", "mail.example.org:587"] + resources) }
        #expect(bare.status != 0)
        #expect(bare.stderr.contains("--smtp-url must start with smtp:// (STARTTLS) or smtps:// (TLS)"), "\(bare.stderr)")
        let plain = try await offThePool { [resources] in try runWegweiser(["serve", "--smtp-url", "http://mail.example.org"] + resources) }
        #expect(plain.status != 0 && plain.stderr.contains("--smtp-url must start with smtp://"))
        let none = scratch.directory.appendingPathComponent("none").path
        let missing = try await offThePool { [resources] in
            try runWegweiser(["serve", "--smtp-url", "smtp://mail.example.org:587", "--smtp-password-file", none] + resources)
        }
        #expect(missing.status != 0 && missing.stderr.contains("--smtp-password-file"), "\(missing.stderr)")
        let empty = try scratch.file("password", "")
        let blank = try await offThePool { [resources] in try runWegweiser(["serve", "--smtp-url", "smtp://mail.example.org:587", "--smtp-password-file", empty] + resources) }
        #expect(blank.status != 0 && blank.stderr.contains("is empty"))
    }

    @Test func importReportsBadRowsAsFileLineReasonAndFails() throws {
        let scratch = try Scratch()
        let organisations = try scratch.file("organisations.json", #"[{"id": "o1", "kind": "provider", "name": "VHS"}, {"id": "o2", "kind": "mystery", "name": "X"}]"#)
        let result = try runWegweiser(["import", "--db", scratch.databasePath, organisations])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(organisations):1: kind: must be one of: provider, advice-centre, admin"))
        #expect(try scratch.database.counts().organisations == 0)
    }

    @Test func importOfAllSamplesPrintsWhatWasLoaded() throws {
        let scratch = try Scratch()
        let result = try runWegweiser(["import", "--db", scratch.databasePath, "--samples", "--resources", Paths.packageRoot.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("courses.csv: imported 72 courses"))
        #expect(result.stdout.contains("slots.json: imported 300 slots"))
        #expect(result.stdout.contains("Tokens and first-admin invitations (shown once"))
        #expect(result.stdout.contains("http://127.0.0.1:8080/staff/invitation/"))
        #expect(try scratch.database.counts().participants == 500)
    }
}
