import Foundation
import SchedulingCore
import Testing
import WegweiserApp

/// The built executable, as an operator runs it.
@Suite struct CommandLineTests {
    @Test func orgCreatePrintsOneJSONObjectWithIdAndToken() async throws {
        let scratch = try Scratch()
        let result = try await runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "advice-centre", "--name", "AWO Beratung"])
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

    @Test func orgCreateGivesATokenAnExpiryWhenAskedAndRefusesOneInThePast() async throws {
        let scratch = try Scratch()
        let result = try await runWegweiser([
            "org", "create", "--db", scratch.databasePath, "--kind", "provider", "--name", "VHS", "--expires", "2099-01-01",
            "--public-url", "https://wegweiser.duisburg.example/",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: String])
        let token = try #require(object["token"])
        let grant = try #require(try await scratch.database.grant(bearerToken: token))
        #expect(grant.token.expiresAt == Timestamp(rfc3339: "2099-01-01T00:00:00+01:00"))
        #expect(object["invitation"]?.hasPrefix("https://wegweiser.duisburg.example/staff/invitation/") == true)

        let past = try await runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "provider", "--name", "Alt", "--expires", "2001-01-01"])
        #expect(past.status != 0 && past.stderr.contains("--expires must be in the future"))
        let garbled = try await runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "provider", "--name", "Alt", "--expires", "soon"])
        #expect(garbled.status != 0 && garbled.stderr.contains("--expires must be a date YYYY-MM-DD or an RFC 3339 time"))
        #expect(try scratch.database.counts().organisations == 1)
    }

    @Test func orgInviteGivesAnOrganisationWithoutAdminANewInvitationAndRetentionDropsExpiredOnes() async throws {
        let scratch = try Scratch()
        let created = try await runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "advice-centre", "--name", "AWO"])
        let orgId = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: String])?["orgId"])
        let invited = try await runWegweiser(["org", "invite", "--db", scratch.databasePath, "--org", orgId, "--role", "staff"])
        #expect(invited.status == 0, "\(invited.stderr)")
        let link = invited.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = try #require(link.components(separatedBy: "/staff/invitation/").last)
        let invitation = try #require(try await scratch.database.invitation(secret, now: SystemClock.now()))
        #expect(invitation.organisation.id == orgId && invitation.role == .staff)
        #expect(try await runWegweiser(["org", "invite", "--db", scratch.databasePath, "--org", "org_nobody"]).stderr.contains("there is no organisation 'org_nobody'"))

        // Two invitations (the first admin's and this one), both unused: gone once their week is over.
        let later = Timestamp(secondsSinceEpoch: SystemClock.now().secondsSinceEpoch + 8 * 24 * 3600)
        #expect(try await scratch.database.expiredInvitations(at: SystemClock.now()) == 0)
        #expect(try await scratch.database.expiredInvitations(at: later) == 2)
        #expect(try await scratch.database.deleteExpiredInvitations(at: later) == 2)
        #expect(try await scratch.database.invitation(secret, now: SystemClock.now()) == nil)
    }

    @Test func serveRefusesCookiesWithoutSecureUnlessItListensOnThisMachineOnly() async throws {
        let scratch = try Scratch()
        let result = try await runWegweiser([
            "serve", "--db", scratch.databasePath, "--host", "0.0.0.0", "--public-url", "https://example.org", "--insecure-cookies",
        ])
        #expect(result.status != 0 && result.stderr.contains("--insecure-cookies is for http on this machine only"))
        let proxy = try await runWegweiser(["serve", "--db", scratch.databasePath, "--trusted-proxy", "proxy.example"])
        #expect(proxy.status != 0 && proxy.stderr.contains("--trusted-proxy must be an IP address such as 10.0.0.5, not 'proxy.example'"))
        let limit = try await runWegweiser(["serve", "--db", scratch.databasePath, "--anonymous-rate-limit=-1"])
        #expect(limit.status != 0 && limit.stderr.contains("--anonymous-rate-limit must be 0 to 100000"))
    }

    @Test func orgCreateRejectsAnUnknownKind() async throws {
        let scratch = try Scratch()
        let result = try await runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "school", "--name", "X"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("kind: must be one of: provider, advice-centre, admin"))
        #expect(try scratch.database.counts().organisations == 0)
    }

    @Test func serveRefusesAnSMTPURLWithoutSchemeAndAPasswordFileItCannotRead() async throws {
        let scratch = try Scratch()
        let resources: [String] = ["--db", scratch.databasePath, "--port", "0", "--resources", Paths.packageRoot.path]
        let bare = try await runWegweiser(["serve", "--smtp-url", "mail.example.org:587"] + resources)
        #expect(bare.status != 0)
        #expect(bare.stderr.contains("--smtp-url must start with smtp:// (STARTTLS) or smtps:// (TLS)"), "\(bare.stderr)")
        let plain = try await runWegweiser(["serve", "--smtp-url", "http://mail.example.org"] + resources)
        #expect(plain.status != 0 && plain.stderr.contains("--smtp-url must start with smtp://"))
        let none = scratch.directory.appendingPathComponent("none").path
        let missing = try await runWegweiser(["serve", "--smtp-url", "smtp://mail.example.org:587", "--smtp-password-file", none] + resources)
        #expect(missing.status != 0 && missing.stderr.contains("--smtp-password-file"), "\(missing.stderr)")
        let empty = try scratch.file("password", "")
        let blank = try await runWegweiser(["serve", "--smtp-url", "smtp://mail.example.org:587", "--smtp-password-file", empty] + resources)
        #expect(blank.status != 0 && blank.stderr.contains("is empty"))
    }

    @Test func importReportsBadRowsAsFileLineReasonAndFails() async throws {
        let scratch = try Scratch()
        let organisations = try scratch.file("organisations.json", #"[{"id": "o1", "kind": "provider", "name": "VHS"}, {"id": "o2", "kind": "mystery", "name": "X"}]"#)
        let result = try await runWegweiser(["import", "--db", scratch.databasePath, organisations])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(organisations):1: kind: must be one of: provider, advice-centre, admin"))
        #expect(try scratch.database.counts().organisations == 0)
    }

    @Test func importOfAllSamplesPrintsWhatWasLoaded() async throws {
        let scratch = try Scratch()
        let result = try await runWegweiser(["import", "--db", scratch.databasePath, "--samples", "--resources", Paths.packageRoot.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("courses.csv: imported 72 courses"))
        #expect(result.stdout.contains("slots.json: imported 300 slots"))
        #expect(result.stdout.contains("Tokens and first-admin invitations (shown once"))
        #expect(result.stdout.contains("http://127.0.0.1:8080/staff/invitation/"))
        #expect(try scratch.database.counts().participants == 500)
    }
}
