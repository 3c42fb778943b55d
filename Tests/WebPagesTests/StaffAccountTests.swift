import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SchedulingCore
import Store
import TestSupport
import Testing
@testable import WebPages

/// Personal staff accounts through the real pages: invitations, passwords, sessions, throttling,
/// the team page and API tokens made and revoked there.
@Suite struct StaffAccountTests {
    static let session = "__Host-wegweiser_session"

    /// Accepts the invitation `path` in `browser` as `name` and `email` with `password`.
    static func accept(
        _ browser: Browser, _ path: String, name: String, email: String, password: String, again: String? = nil
    ) async throws -> Browser.Page {
        let form = try await browser.get(path)
        return try await browser.post(path, [
            ("csrf", Browser.field("csrf", in: form.html, form: "invitation") ?? ""), ("name", name), ("email", email),
            ("password", password), ("passwordAgain", again ?? password),
        ])
    }

    @Test func anInvitationMakesOneAccountWhosePasswordIsStoredAsScryptAndSignsItsPersonIn() async throws {
        let fixture = try PageTestServer()
        let path = "/staff/invitation/" + (try #require(fixture.invitations["AWO"]))
        try await fixture.test { client in
            let browser = Browser(client)
            browser.language = "en"
            let page = try await browser.get(path)
            #expect(page.status == .ok && page.html.contains("AWO Duisburg") && page.html.contains("(admin)"))

            // Rules are checked and nothing is made: a short password, two that differ, a bad address.
            let short = try await Self.accept(browser, path, name: "Selin Kaya", email: "selin@awo.example", password: "kurz")
            #expect(short.status == .unprocessableContent && short.html.contains("password: must be 12 to 256 characters long"))
            let differ = try await Self.accept(
                browser, path, name: "Selin Kaya", email: "selin@awo.example", password: "ein langer Satz als Passwort", again: "ein anderer Satz")
            #expect(differ.status == .unprocessableContent && differ.html.contains("The two passwords are not the same."))
            let badEmail = try await Self.accept(browser, path, name: "Selin Kaya", email: "selin", password: "ein langer Satz als Passwort")
            #expect(badEmail.status == .unprocessableContent && badEmail.html.contains("email: must be an email address"))
            #expect(try await fixture.server.database.account(email: "selin@awo.example") == nil)

            let made = try await Self.accept(browser, path, name: "Selin Kaya", email: "Selin@AWO.example", password: "ein langer Satz als Passwort")
            #expect(made.status == .seeOther && made.location == "/centre" && browser.cookies[Self.session] != nil)
            #expect(try await browser.get("/centre").status == .ok)
            let stored = try #require(try await fixture.server.database.account(email: "selin@awo.example"))
            #expect(stored.account.role == .admin && stored.organisation.id == "centre-awo" && stored.account.name == "Selin Kaya")
            #expect(stored.passwordHash.hasPrefix("scrypt$15$8$1$") && !stored.passwordHash.contains("Satz"))

            // The link works once.
            #expect(try await Browser(client).get(path).status == .notFound)
            // The address signs in whatever its case; the password must match exactly.
            #expect(try await Browser(client).signIn("selin@awo.example", password: "ein langer Satz als passwort").status == .unauthorized)
            #expect(try await Browser(client).signIn("SELIN@awo.example", password: "ein langer Satz als Passwort").location == "/centre")
        }
    }

    @Test func aSessionEndsAfterThirtyIdleMinutesOrEightHoursAndSignInAlwaysStartsANewOne() async throws {
        let clock = TestClock(PageTestServer.now)
        let fixture = try PageTestServer(clock: clock.now)
        let awo = try await fixture.staff("AWO")
        try await fixture.test { client in
            // Idle: 29 minutes twice is fine (each request counts), 30 without one is not.
            let browser = Browser(client)
            _ = try await browser.signIn(awo)
            clock.advance(seconds: 29 * 60)
            #expect(try await browser.get("/centre").status == .ok)
            clock.advance(seconds: 29 * 60)
            #expect(try await browser.get("/centre").status == .ok)
            clock.advance(seconds: 30 * 60)
            let idle = try await browser.get("/centre")
            #expect(idle.status == .seeOther && idle.location == "/staff/sign-in")

            // Absolute: busy all day, still out after 8 hours.
            _ = try await browser.signIn(awo)
            for _ in 0..<(8 * 60 / 20 - 1) {
                clock.advance(seconds: 20 * 60)
                #expect(try await browser.get("/centre").status == .ok)
            }
            clock.advance(seconds: 20 * 60)
            #expect(try await browser.get("/centre").location == "/staff/sign-in")

            // Fixation: an id planted before sign-in is replaced, and an old session dies with a new sign-in.
            let planted = Browser(client)
            planted.setCookie(Self.session, "planted-by-someone-else")
            _ = try await planted.signIn(awo)
            let first = try #require(planted.cookies[Self.session])
            #expect(first != "planted-by-someone-else")
            let old = Browser(client)
            old.setCookie(Self.session, first)
            #expect(try await old.get("/centre").status == .ok)
            _ = try await planted.signIn(awo)
            #expect(try #require(planted.cookies[Self.session]) != first)
            #expect(try await old.get("/centre").location == "/staff/sign-in", "the session before sign-in ends with it")
        }
    }

    @Test func signOutEverywhereEndsEverySessionOfThePersonAndNoOneElses() async throws {
        let fixture = try PageTestServer()
        let awo = try await fixture.staff("AWO")
        let vhs = try await fixture.staff("VHS")
        try await fixture.test { client in
            let laptop = Browser(client), phone = Browser(client), colleague = Browser(client)
            _ = try await laptop.signIn(awo)
            _ = try await phone.signIn(awo)
            _ = try await colleague.signIn(vhs)
            let team = try await laptop.get("/staff/team")
            let out = try await laptop.post(
                "/staff/sign-out-everywhere", [("csrf", Browser.field("csrf", in: team.html, form: "sign-out-everywhere") ?? "")])
            #expect(out.status == .seeOther && out.location == "/staff/sign-in")
            #expect(try await phone.get("/centre").location == "/staff/sign-in")
            #expect(try await laptop.get("/centre").location == "/staff/sign-in")
            #expect(try await colleague.get("/provider").status == .ok)
            await fixture.server.services.audit.flush()
            let noted = try await fixture.server.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit WHERE action = 'signin.signedOutEverywhere' AND subject = '2 sessions'")
            }
            #expect(noted == 1)
        }
    }

    @Test func tenFailedSignInsPerAccountOrPerAddressAreThrottledWith429AndLogged() async throws {
        let fixture = try PageTestServer()
        let awo = try await fixture.staff("AWO")
        let vhs = try await fixture.staff("VHS")
        try await fixture.test { client in
            let browser = Browser(client)
            for _ in 0..<10 {
                #expect(try await browser.signIn(awo, password: "guessed wrong again").status == .unauthorized)
            }
            // The right password no longer helps, for a while.
            let throttled = try await browser.signIn(awo)
            #expect(throttled.status == .tooManyRequests && browser.cookies[Self.session] == nil)
            let wait = try #require(throttled.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...900).contains(wait))
            #expect(throttled.html.contains("Too many failed sign-ins") || throttled.html.contains("Zu viele fehlgeschlagene Anmeldungen"))
            // The address, too, has used up its tries: another account from it is held back.
            #expect(try await Browser(client).signIn(vhs).status == .tooManyRequests)
            await fixture.server.services.audit.flush()
            let (failed, held) = try await fixture.server.database.read { db in
                (try Int.fetchOne(db, sql: "SELECT count(*) FROM audit WHERE action = 'signin.failed' AND person IS NOT NULL") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM audit WHERE action = 'signin.throttled'") ?? 0)
            }
            #expect(failed == 10 && held == 2)
        }
    }

    @Test func guessesSentInParallelGetNoMoreThanTenTries() async throws {
        let fixture = try PageTestServer()
        let awo = try await fixture.staff("AWO")
        try await fixture.test { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<20 {
                    group.addTask { try await Browser(client).signIn(awo, password: "parallel guess \(index)").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 10 && statuses.filter { $0 == .tooManyRequests }.count == 10)
        }
    }

    @Test func anUnknownAddressFailsLikeAWrongPasswordAndCountsAgainstTheAddress() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            for index in 0..<10 {
                let failed = try await browser.signIn("nobody\(index)@example.org")
                #expect(failed.status == .unauthorized)
            }
            let held = try await browser.signIn("nobody10@example.org")
            #expect(held.status == .tooManyRequests)
        }
    }

    @Test func anAdminInvitesAColleagueWhoseStaffRoleCannotManageAccessAndRemovesThem() async throws {
        let fixture = try PageTestServer()
        let admin = try await fixture.staff("AWO")
        try await fixture.test { client in
            let boss = Browser(client)
            _ = try await boss.signIn(admin)
            let team = try await boss.get("/staff/team")
            #expect(team.html.contains("AWO Admin") && team.html.contains("id=\"invite\""))
            let invited = try await boss.post(
                "/staff/team/invitations", [("csrf", Browser.field("csrf", in: team.html, form: "invite") ?? ""), ("role", "staff")])
            #expect(invited.status == .ok)
            let link = try #require(invited.html.firstMatch(of: /<code id="invitation-link">([^<]+)<\/code>/)?.output.1)
            let path = try #require(link.range(of: "/staff/invitation/")).lowerBound

            // 200 characters, each with a mark: within the rule, so no database constraint may refuse it.
            let name = "Jonas " + String(repeating: "q\u{303}", count: 194)
            let colleague = Browser(client)
            let made = try await Self.accept(colleague, String(link[path...]), name: name, email: "jonas@awo.example", password: "noch ein langer Satz")
            #expect(made.location == "/centre")
            let own = try await colleague.get("/staff/team")
            #expect(own.status == .ok && own.html.contains("Jonas q\u{303}") && !own.html.contains("id=\"invite\"") && !own.html.contains("id=\"new-token-form\""))
            let csrf = Browser.field("csrf", in: own.html, form: "sign-out-everywhere") ?? ""
            #expect(try await colleague.post("/staff/tokens", [("csrf", csrf), ("name", "export"), ("days", "30")]).status == .forbidden)
            #expect(try await colleague.post("/staff/team/invitations", [("csrf", csrf), ("role", "admin")]).status == .forbidden)

            let jonas = try #require(try await fixture.server.database.account(email: "jonas@awo.example")).account
            #expect(jonas.role == .staff && jonas.name == name)
            // A link Jonas had made goes with his account.
            let his = try await fixture.server.database.invite(to: "centre-awo", role: .admin, by: jonas.id, now: PageTestServer.now)
            let listed = try await boss.get("/staff/team")
            let removed = try await boss.post(
                "/staff/team/\(jonas.id)/remove", [("csrf", Browser.field("csrf", in: listed.html, form: "invite") ?? "")])
            #expect(removed.location == "/staff/team?done=accountRemoved")
            #expect(try await colleague.get("/centre").location == "/staff/sign-in", "a removed account's sessions end")
            #expect(try await fixture.server.database.invitation(his, now: PageTestServer.now) == nil)
            #expect(try await Browser(client).signIn("jonas@awo.example", password: "noch ein langer Satz").status == .unauthorized)
        }
    }

    @Test func aTokenMadeOnTheTeamPageIsShownOnceWorksAndFailsOnTheNextRequestAfterItIsRevoked() async throws {
        let fixture = try PageTestServer()
        let admin = try await fixture.staff("AWO")
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(admin)
            let team = try await browser.get("/staff/team")
            let csrf = Browser.field("csrf", in: team.html, form: "new-token-form") ?? ""
            // A number of days the form does not offer (here one that would overflow) is refused, nothing made.
            let huge = try await browser.post("/staff/tokens", [("csrf", csrf), ("name", "zu lang"), ("days", "200000000000000")])
            #expect(huge.location == "/staff/team?problem=refused")
            #expect(try await fixture.server.database.tokens(organisationId: "centre-awo").count == 1)
            let made = try await browser.post("/staff/tokens", [("csrf", csrf), ("name", "Fachverfahren Export"), ("days", "90")])
            let token = String(try #require(made.html.firstMatch(of: /<code id="new-token">([^<]+)<\/code>/)?.output.1))
            #expect(token.hasPrefix("wgw_"))
            let listed = try await browser.get("/staff/team")
            #expect(listed.html.contains("Fachverfahren Export") && !listed.html.contains(token), "shown once only")

            let api = try await client.execute(uri: "/v1/organisations/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0.status }
            #expect(api == .ok)
            let id = try #require(try await fixture.server.database.tokens(organisationId: "centre-awo").first { $0.name == "Fachverfahren Export" }?.id)
            #expect(try await fixture.server.database.tokens(organisationId: "centre-awo").first { $0.id == id }?.expiresAt
                == Timestamp(secondsSinceEpoch: PageTestServer.now.secondsSinceEpoch + 90 * 24 * 3600))
            let revoked = try await browser.post("/staff/tokens/\(id)/revoke", [("csrf", csrf)])
            #expect(revoked.location == "/staff/team?done=tokenRevoked")
            let after = try await client.execute(uri: "/v1/organisations/me", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0.status }
            #expect(after == .unauthorized)
        }
    }

    @Test func cookiesAreSecureByDefaultPlainOnlyWhenToldAndHSTSComesWithHTTPS() async throws {
        let plain = try PageTestServer(configure: { $0.secureCookies = false })
        let email = try await plain.staff("AWO")
        try await plain.test { client in
            let browser = Browser(client)
            let signedIn = try await browser.signIn(email)
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("wegweiser_session=") })
            #expect(!cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(signedIn.headers[.strictTransportSecurity] == nil)
        }
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let overHTTPS = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"]) { $0.headers }
            #expect(overHTTPS[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
            let overHTTP = try await client.execute(uri: "/", method: .get) { $0.headers }
            #expect(overHTTP[.strictTransportSecurity] == nil)
        }
    }
}

extension HTTPField.Name {
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
}
