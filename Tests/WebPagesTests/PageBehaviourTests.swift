import Foundation
import Hummingbird
import HummingbirdTesting
import SchedulingCore
import TestSupport
import Testing
@testable import WebPages

/// What staff and the public can and cannot do through the pages.
@Suite struct PageBehaviourTests {
    @Test func theCatalogueFollowsAcceptLanguageAndTheSwitchIsRemembered() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            browser.language = "ar, en;q=0.8"
            #expect(try await browser.get("/").html.contains("<html lang=\"ar\" dir=\"rtl\">"))
            browser.language = "fr, uk;q=0.9, en;q=0.8"
            #expect(try await browser.get("/").html.contains("<html lang=\"uk\" dir=\"ltr\">"))
            let switched = try await browser.get("/?lang=tr")
            #expect(switched.html.contains("<html lang=\"tr\" dir=\"ltr\">"))
            #expect(switched.headers[values: .setCookie].contains { $0.hasPrefix("lang=tr;") && $0.contains("HttpOnly") && $0.contains("SameSite=Strict") })
            #expect(try await browser.get("/").html.contains("<html lang=\"tr\""))  // the cookie beats Accept-Language
            #expect(browser.cookies[Self.session] == nil)
        }
    }

    @Test func theCatalogueFiltersAndCarriesNoPersonalData() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            let all = try await browser.get("/").html.components(separatedBy: "class=\"card course\"").count - 1
            let women = try await browser.get("/?womenOnly=true&childcare=true").html
            let shown = women.components(separatedBy: "class=\"card course\"").count - 1
            #expect(all == 72 && shown > 0 && shown < all)
            #expect(women.contains("/calendar.ics"))
            #expect(!women.contains("@example"))  // no participant's email anywhere
        }
    }

    @Test func signInTurnsAPasswordIntoASecureHostOnlySessionAndAWrongPasswordIsRefused() async throws {
        let fixture = try PageTestServer()
        let awo = try await fixture.staff("AWO")
        try await fixture.test { client in
            let browser = Browser(client)
            let wrong = try await browser.signIn(awo, password: "wgw_not-the-password")
            #expect(wrong.status == .unauthorized && browser.cookies[Self.session] == nil)
            let signedIn = try await browser.signIn(awo)
            #expect(signedIn.status == .seeOther && signedIn.location == "/centre")
            let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix(Self.session + "=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("; Secure") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Domain="), "a __Host- cookie names no domain")
            #expect(try await browser.get("/centre").status == .ok)

            // A sign-in form posted without its own cookie's token is refused (login CSRF).
            let stranger = Browser(client)
            let forged = try await stranger.post("/staff/sign-in", [("csrf", "guess"), ("email", awo), ("password", TestStaff.password)])
            #expect(forged.status == .forbidden && stranger.cookies[Self.session] == nil)
        }
    }

    static let session = "__Host-wegweiser_session"

    @Test func workspacesNeedTheirRoleAndACentreSeesOnlyItsOwnParticipants() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let anonymous = Browser(client)
            let redirected = try await anonymous.get("/centre/participants/p0001")
            #expect(redirected.status == .seeOther && redirected.location == "/staff/sign-in")

            let awo = Browser(client)
            _ = try await awo.signIn(try await fixture.staff("AWO"))
            #expect(try await awo.get("/centre/participants/p0001").status == .ok)
            #expect(try await awo.get("/centre/participants/p0266").status == .notFound)  // Diakonie's
            #expect(try await awo.get("/provider").status == .forbidden)
            let list = try await awo.get("/centre").html
            #expect(list.contains("Tunde Boateng") && !list.contains("Driton Bytyqi"))

            let vhs = Browser(client)
            _ = try await vhs.signIn(try await fixture.staff("VHS"))
            #expect(try await vhs.get("/centre").status == .forbidden)
            #expect(try await vhs.get("/provider/courses/course-004/roster").status == .notFound)  // another provider's
        }
    }

    @Test func bookingAndCancellingNeedTheSessionsCsrfToken() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            let page = try await browser.get("/centre/participants/p0001").html
            let csrf = try #require(Browser.field("csrf", in: page))
            let courseId = try #require(Browser.field("courseId", in: page))

            let forged = try await browser.post("/centre/bookings", [("csrf", "forged"), ("participantId", "p0001"), ("courseId", courseId)])
            #expect(forged.status == .forbidden)
            #expect(try await fixture.server.database.activeBookings(participantId: "p0001").isEmpty)

            let booked = try await browser.post("/centre/bookings", [("csrf", csrf), ("participantId", "p0001"), ("courseId", courseId)])
            #expect(booked.status == .seeOther && booked.location == "/centre/participants/p0001?done=booked")
            let bookings = try await fixture.server.database.activeBookings(participantId: "p0001")
            #expect(bookings.map(\.booking.offer) == [.course(courseId)])
            let after = try await browser.get(booked.location!).html
            #expect(after.contains("class=\"notice\"") && after.contains("id=\"bookings\""))

            // Booking it again is refused with the engine's reason, shown on the page.
            let again = try await browser.post("/centre/bookings", [("csrf", csrf), ("participantId", "p0001"), ("courseId", courseId)])
            #expect(again.location?.contains("problem=") == true)

            let cancelled = try await browser.post("/centre/bookings/\(bookings[0].booking.id)/cancel", [("csrf", csrf), ("participantId", "p0001")])
            #expect(cancelled.location == "/centre/participants/p0001?done=cancelled")
            #expect(try await fixture.server.database.activeBookings(participantId: "p0001").isEmpty)
        }
    }

    @Test func registeringNeedsConsentAndStoresNothingWithoutIt() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/centre/participants/new").html))
            let fields = [("csrf", csrf), ("name", "Layla Haddad"), ("email", "layla@example.org"), ("preferredLanguage", "ar"),
                          ("languages", "ar, de"), ("gender", "female"), ("district", "Mitte"), ("level", "A1")]
            let refused = try await browser.post("/centre/participants", fields)
            #expect(refused.status == .unprocessableContent && refused.html.contains("consent"))
            #expect(try await fixture.server.database.participants(centreId: nil).contains { $0.name == "Layla Haddad" } == false)

            let registered = try await browser.post("/centre/participants", fields + [("consent", "true"), ("needsChildcare", "true")])
            let location = try #require(registered.location)
            #expect(registered.status == .seeOther && location.hasSuffix("?done=registered"))
            let page = try await browser.get(location).html
            #expect(page.contains("Layla Haddad") && page.contains("id=\"course-matches\""))
            // The consent names the person who took it, not only their centre.
            let id = String(try #require(location.split(separator: "?").first?.split(separator: "/").last))
            let consent = try #require(try await fixture.server.database.participant(id: id)?.consent)
            let staff = try #require(try await fixture.server.database.account(email: try await fixture.staff("AWO"))).account
            #expect(consent.recordedBy == "centre-awo" && consent.recordedByPerson == staff.id)
        }
    }

    @Test func anAllocationPreviewBooksNothingAndTheRunBooks() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            // Someone must wait: a course of one seat, booked by the centre's participants until one waits.
            let engine = fixture.server.engine
            let courseId = try #require(Browser.field("courseId", in: try await browser.get("/centre/participants/p0001").html))
            _ = try await engine.submit(.changeCapacity(courseId: courseId, capacity: 1))
            for person in try await fixture.server.database.participants(centreId: "centre-awo") {
                _ = try await engine.submit(.book(BookingRequest(bookingId: "w-\(person.id)", participantId: person.id, offer: .course(courseId))))
                if engine.catalogue.occupancy(courseId: courseId)?.waitlisted ?? 0 > 0 { break }
            }
            #expect(engine.catalogue.occupancy(courseId: courseId)?.waitlisted == 1)
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/centre/allocation").html))
            func bookingCount() async throws -> Int { try await fixture.server.database.loadLedger().allBookings.count }
            let before = try await bookingCount()
            let preview = try await browser.post("/centre/allocation", [("csrf", csrf), ("mode", "preview")])
            #expect(preview.status == .ok && preview.html.contains("id=\"h-result\""))
            #expect(preview.html.contains("<td>"))  // the preview lists who would go where
            #expect(try await bookingCount() == before)
            let run = try await browser.post("/centre/allocation", [("csrf", csrf), ("mode", "run")])
            #expect(run.status == .ok)
            #expect(try await bookingCount() > before)
        }
    }

    @Test func aProviderChangesCapacityAndSeesTheFillRate() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let page = try await browser.get("/provider").html
            #expect(page.contains("<svg role=\"img\""))
            let csrf = try #require(Browser.field("csrf", in: page))
            let changed = try await browser.post("/provider/courses/course-011/capacity", [("csrf", csrf), ("capacity", "12")])
            #expect(changed.location == "/provider?done=capacityChanged")
            #expect(fixture.server.engine.catalogue.occupancy(courseId: "course-011")?.capacity == 12)
            let refused = try await browser.post("/provider/courses/course-011/capacity", [("csrf", csrf), ("capacity", "0")])
            #expect(refused.location == "/provider?problem=refused")
            #expect(fixture.server.engine.catalogue.occupancy(courseId: "course-011")?.capacity == 12)
            #expect(try await browser.get(refused.location!).html.contains("capacity"), "the refusal's own words, kept by the session")

            // Words in the URL never reach a staff page: only keys of the fixed list do.
            let phishing = try await browser.get("/provider?problem=Ihr%20Konto%20ist%20gesperrt&done=Rufen%20Sie%20an")
            #expect(!phishing.html.contains("Konto ist gesperrt") && !phishing.html.contains("Rufen Sie an"))
            #expect(!phishing.html.contains("class=\"notice\"") && !phishing.html.contains("class=\"problem\""))
            #expect(try await browser.get("/provider?done=capacityChanged").html.contains("class=\"notice\""))
        }
    }

    @Test func acceptLanguageIsReadByQualityAndOrder() {
        #expect(PageLanguage.preferred(in: "de-DE,de;q=0.9,en;q=0.8") == .de)
        #expect(PageLanguage.preferred(in: "fr;q=1, bg;q=0.4, tr;q=0.5") == .tr)
        #expect(PageLanguage.preferred(in: "ar;q=0, en") == .en)
        #expect(PageLanguage.preferred(in: "fr, it") == nil)
    }
}

@Suite struct PageWordsTests {
    /// Every language has every word, and the English rule texts are the core's own.
    @Test func everyLanguageHasEveryKeyAndTheRulesReadAsInTheCore() throws {
        let resources = PageTestServer.packageRoot.appendingPathComponent("Sources/WebPages/Resources/strings")
        let tables = try PageLanguage.allCases.map { language in
            try JSONDecoder().decode([String: String].self, from: Data(contentsOf: resources.appendingPathComponent("\(language.rawValue).json")))
        }
        for table in tables { #expect(Set(table.keys) == Set(tables[0].keys)) }
        let strings = try UIStrings<PageLanguage>(directory: resources)
        for rule in EligibilityRule.allCases {
            #expect(strings.text("rule.\(rule.rawValue)", .en) == rule.explanation)
            #expect(strings.text("rule.\(rule.rawValue)", .de) != rule.explanation)
        }
    }
}
