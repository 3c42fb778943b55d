import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SchedulingCore
import Store
import TestSupport
import Testing
import WebAPI
import WebPages
import WegweiserApp

/// The personal link: a participant sees, cancels or moves their own booking, in their language,
/// and the seat goes straight to the waiting list.
@Suite struct ParticipantLinkTests {
    /// A one-seat course held by Ayşe (Turkish) with Mohammed (Arabic) waiting, at the API's
    /// test server with the pages on the same router.
    struct Scene {
        let fixture: APITestServer
        let courseId, held, waiting, holderId, waiterId: String
    }

    static func scene(_ client: any TestClientProtocol, fixture: APITestServer, course: [String: Any] = [:]) async throws -> Scene {
        let location = try await client.createLocation(token: fixture.provider)
        let courseId = try await client.createCourseId(token: fixture.provider, locationId: location, ["capacity": 1, "level": "A1"].merging(course) { $1 })
        let holder = try await client.createParticipant(token: fixture.centre, Sample.participant(["level": "A1"]))
        let waiter = try await client.createParticipant(token: fixture.centre, Sample.man())
        let held = try await client.bookedCourse(token: fixture.centre, participantId: holder, courseId: courseId)
        let waiting = try await client.bookedCourse(token: fixture.centre, participantId: waiter, courseId: courseId)
        try #require(held["status"] as? String == "confirmed" && waiting["status"] as? String == "waitlisted")
        return Scene(fixture: fixture, courseId: courseId, held: held["id"] as! String, waiting: waiting["id"] as! String, holderId: holder, waiterId: waiter)
    }

    /// The path of the personal link of `bookingId`, as its mail carries it.
    static func link(_ bookingId: String, _ fixture: APITestServer) async throws -> String {
        let facts = try #require(try await fixture.server.database.bookingFacts(bookingId: bookingId)?.facts)
        let link = try #require(fixture.server.services.composer.personalLink(for: facts))
        #expect(link.hasPrefix("http://127.0.0.1:8080/b/"))
        return String(link.dropFirst("http://127.0.0.1:8080".count))
    }

    static func outbox(_ fixture: APITestServer) throws -> [(bookingId: String, kind: String)] {
        try fixture.server.database.read { db in
            try Row.fetchAll(db, sql: "SELECT bookingId, kind FROM outbox ORDER BY id").map { ($0["bookingId"], $0["kind"]) }
        }
    }

    @Test func theLinkPageSpeaksTheParticipantsLanguageNamesTheCentresContactAndAGetChangesNothing() async throws {
        let fixture = try APITestServer()
        try await fixture.testWithPages { client in
            let scene = try await Self.scene(client, fixture: fixture)
            let contact = try await client.call(.put, "/v1/organisations/me/contact", token: fixture.centre, json: jsonText([
                "phone": "+49 203 3095-0", "email": "beratung@awo-duisburg.example", "address": "Düsseldorfer Str. 517, 47055 Duisburg",
                "openingHours": "Mo–Do 9–16 Uhr",
            ]))
            #expect(contact.status == .ok && (contact.json["contact"] as? [String: Any])?["phone"] as? String == "+49 203 3095-0")
            let before = try Self.outbox(fixture).count

            let waiting = try await client.page(.get, try await Self.link(scene.waiting, fixture))
            #expect(waiting.status == .ok)
            #expect(waiting.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(waiting.text.contains("Integrationskurs A1 vormittags") && waiting.text.contains("على قائمة الانتظار"))
            #expect(waiting.text.contains("<strong>1</strong>"))  // first in line
            #expect(!waiting.text.contains("&quot;:"), "a text key that is also a group renders as a dictionary")
            #expect(waiting.text.contains("href=\"tel:+4920330950\"") && waiting.text.contains("beratung@awo-duisburg.example"))
            #expect(!waiting.text.contains("noreply") && !waiting.text.contains("ayse.yilmaz"))
            #expect(waiting.headers[.referrerPolicy] == "no-referrer" && waiting.headers[.cacheControl] == "no-store")
            #expect(waiting.text.contains("<form id=\"cancel\" method=\"post\""))
            #expect(!waiting.text.contains("calendar.ics"))  // a place in line is no appointment yet

            let holder = try await client.page(.get, try await Self.link(scene.held, fixture))
            #expect(holder.text.contains("<html lang=\"tr\" dir=\"ltr\">") && holder.text.contains("Onaylandı"))
            let calendar = try await client.page(.get, try await Self.link(scene.held, fixture) + "/calendar.ics")
            #expect(calendar.status == .ok && calendar.text.contains("BEGIN:VEVENT") && calendar.text.contains("UID:\(scene.held)@wegweiser"))
            #expect(calendar.text.contains("METHOD:PUBLISH") && !calendar.text.contains("ATTENDEE"))
            #expect(try Self.outbox(fixture).count == before)
            #expect(try await client.bookingStatus(scene.held, token: fixture.centre) == "confirmed")
        }
    }

    @Test(arguments: ["de", "en", "tr", "ar", "bg", "ro", "pl", "uk", "ru", "fa"])
    func theLinkPageIsWrittenInEveryMailLanguageWithNoWordMissing(language: String) async throws {
        let fixture = try APITestServer()
        try await fixture.testWithPages { client in
            let location = try await client.createLocation(token: fixture.centre)
            let slot = try await client.createSlot(token: fixture.centre, locationId: location, ["languages": ["de", language]])
            let person = try await client.createParticipant(
                token: fixture.centre, Sample.participant(["preferredLanguage": language, "languages": [language, "de"]]))
            let booking = try #require(try await client.book(token: fixture.centre, participantId: person, slotId: slot).json["id"] as? String)
            let page = try await client.page(.get, try await Self.link(booking, fixture))
            let direction = ["ar", "fa"].contains(language) ? "rtl" : "ltr"
            #expect(page.text.contains("<html lang=\"\(language)\" dir=\"\(direction)\">"))
            // A missing word shows as its key; a key that is also a group renders as a dictionary.
            #expect(page.text.firstMatch(of: /\b(link|print)\.[a-zA-Z]+/) == nil, "\(page.text)")
            #expect(!page.text.contains("&quot;:"))
            #expect(page.text.contains("<form id=\"cancel\"") && page.text.contains("<form id=\"reschedule\"") == false)
        }
    }

    @Test func forgedAlteredExpiredUnknownAndErasedLinksGetTheSameNeutralPage() async throws {
        let fixture = try APITestServer()
        try await fixture.testWithPages { client in
            let scene = try await Self.scene(client, fixture: fixture)
            let links = try #require(fixture.server.services.composer.links)
            let valid = try await Self.link(scene.held, fixture)
            var altered = Array(valid)
            altered[altered.count - 5] = altered[altered.count - 5] == "A" ? "B" : "A"
            let tried = [
                "/b/forged-token-of-someone", "/b/" + String(repeating: "A", count: 63), String(altered),
                "/b/" + links.token(bookingId: scene.held, expires: APITestServer.now.adding(seconds: -1)),
                "/b/" + links.token(bookingId: "bkg_doesnotexist0000", expires: APITestServer.now.adding(seconds: 86_400)),
            ]
            let erasedLink = try await Self.link(scene.waiting, fixture)
            #expect(try await client.call(.delete, "/v1/participants/\(scene.waiterId)", token: fixture.centre).status == .noContent)
            var bodies: Set<String> = []
            for path in tried + [erasedLink, erasedLink + "/calendar.ics"] {
                let answer = try await client.page(.get, path)
                #expect(answer.status == .notFound, "\(path)")
                bodies.insert(answer.text)
            }
            #expect(bodies.count == 1)
            #expect(bodies.first?.contains("<html lang=\"de\"") == true)
            let posted = try await client.page(.post, erasedLink + "/cancel", form: [("form", "x")])
            #expect(posted.status == .notFound && posted.text == bodies.first)
            #expect(try await client.page(.get, valid).status == .ok)
        }
    }

    @Test func cancellingThroughTheLinkGivesTheSeatToTheFirstWaitingAndARepeatChangesNothing() async throws {
        let fixture = try APITestServer()
        try await fixture.testWithPages { client in
            let scene = try await Self.scene(client, fixture: fixture)
            let path = try await Self.link(scene.held, fixture)
            let page = try await client.page(.get, path)
            let form = try #require(page.formFields(in: "cancel"))
            let before = try Self.outbox(fixture).count

            let cancelled = try await client.page(.post, path + "/cancel", form: form)
            #expect(cancelled.status == .seeOther && cancelled.headers[.location] == path + "?done=cancelled")
            let booking = try await client.get("/v1/bookings/\(scene.held)", token: fixture.centre)
            #expect(booking.json["status"] as? String == "cancelled" && booking.json["cancelledBy"] as? String == "participant")
            #expect(try await client.bookingStatus(scene.waiting, token: fixture.centre) == "confirmed")
            let mails = try Self.outbox(fixture).dropFirst(before).map { "\($0.bookingId):\($0.kind)" }
            #expect(mails == ["\(scene.held):cancelled", "\(scene.waiting):promoted"])
            let shown = try await client.page(.get, cancelled.headers[.location]!)
            #expect(shown.text.contains("İptal edildi") && !shown.text.contains("id=\"cancel\""))

            // The same form again (a double click, a replay) changes nothing and says so.
            let again = try await client.page(.post, path + "/cancel", form: form)
            #expect(again.status == .conflict && again.text.contains("class=\"notice\""))
            // A form the page did not render is refused.
            let forged = try await client.page(.post, path + "/cancel", form: [("form", "AAAA"), ("state", "1")])
            #expect(forged.status == .forbidden)
            #expect(try Self.outbox(fixture).count == before + 2)
            // The refusal is in the audit trail, without the link's token.
            let refusals = try await client.get("/v1/audit?action=request.forbidden", token: fixture.admin)
            let subjects = (refusals.json["entries"] as? [[String: Any]])?.compactMap { $0["subject"] as? String } ?? []
            #expect(subjects == ["POST /b/…/cancel"])
            // The centre's page names who cancelled.
            let centre = try await fixture.signedInPage(client, token: fixture.centre, "/centre/participants/\(scene.holderId)")
            #expect(centre.contains("abgesagt von der teilnehmenden Person"))
        }
    }

    @Test func aFormShownBeforeAPromotionCancelsNothingAndSaysTheBookingChanged() async throws {
        let fixture = try APITestServer()
        try await fixture.testWithPages { client in
            let scene = try await Self.scene(client, fixture: fixture)
            let path = try await Self.link(scene.waiting, fixture)
            let shown = try #require(try await client.page(.get, path).formFields(in: "cancel"))
            // Meanwhile the seat frees and the waiting person is promoted.
            #expect(try await client.call(.delete, "/v1/bookings/\(scene.held)", token: fixture.centre).status == .ok)
            let stale = try await client.page(.post, path + "/cancel", form: shown)
            #expect(stale.status == .conflict && stale.text.contains("class=\"problem\""))
            #expect(try await client.bookingStatus(scene.waiting, token: fixture.centre) == "confirmed")
        }
    }

    @Test func insideTheNoticeWindowThePageSaysWhomToCallAndACancelIs409() async throws {
        let fixture = try APITestServer()
        try await fixture.testWithPages { client in
            // Starts in exactly 48 hours: the window for participants has just closed.
            let scene = try await Self.scene(client, fixture: fixture, course: ["startDate": "2027-01-13", "cancelUntilHours": 48])
            let path = try await Self.link(scene.held, fixture)
            let page = try await client.page(.get, path)
            #expect(page.status == .ok && !page.text.contains("id=\"cancel\"") && page.text.contains("danışmanlık merkezinizi"))
            let links = try #require(fixture.server.services.composer.links)
            let verified = try #require(try await links.verify(String(path.dropFirst(3)), now: APITestServer.now))
            let token = try #require(links.formToken(for: verified, sequence: 0))
            let refused = try await client.page(.post, path + "/cancel", form: [("form", token), ("state", "0")])
            #expect(refused.status == .conflict && refused.text.contains("danışmanlık merkezinizi"))
            #expect(try await client.bookingStatus(scene.held, token: fixture.centre) == "confirmed")
            // The centre still can.
            #expect(try await client.call(.delete, "/v1/bookings/\(scene.held)", token: fixture.centre).json["cancelledBy"] as? String == "centre")
        }
    }

    @Test func rescheduleOffersFreeSlotsAndTwoPeopleRacingForOneGetExactlyOneWinner() async throws {
        let fixture = try APITestServer()
        try await fixture.testWithPages { client in
            let location = try await client.createLocation(token: fixture.centre)
            let a = try await client.createSlot(token: fixture.centre, locationId: location, ["start": "2027-02-10T09:00:00+01:00"])
            let b = try await client.createSlot(token: fixture.centre, locationId: location, ["start": "2027-02-10T10:00:00+01:00"])
            let free = try await client.createSlot(token: fixture.centre, locationId: location, ["start": "2027-02-11T09:00:00+01:00"])
            _ = try await client.createSlot(token: fixture.centre, locationId: location, ["start": "2027-02-12T09:00:00+01:00", "service": "jmd"])
            let first = try await client.createParticipant(token: fixture.centre)
            let second = try await client.createParticipant(token: fixture.centre, Sample.participant(["name": "Elif Kaya", "email": "elif@example.org"]))
            let bookingA = try #require(try await client.book(token: fixture.centre, participantId: first, slotId: a).json["id"] as? String)
            let bookingB = try #require(try await client.book(token: fixture.centre, participantId: second, slotId: b).json["id"] as? String)
            let pathA = try await Self.link(bookingA, fixture), pathB = try await Self.link(bookingB, fixture)
            let pageA = try await client.page(.get, pathA), pageB = try await client.page(.get, pathB)
            #expect(pageA.text.contains("<form id=\"reschedule\"") && pageA.text.contains("value=\"\(free)\"") && pageA.text.contains("value=\"\(b)\"") == false)
            #expect(pageA.text.components(separatedBy: "name=\"slotId\"").count - 1 == 1)  // the jmd slot is another service
            let formA = try #require(pageA.formFields(in: "reschedule")), formB = try #require(pageB.formFields(in: "reschedule"))

            async let moveA = client.page(.post, pathA + "/reschedule", form: formA + [("slotId", free)])
            async let moveB = client.page(.post, pathB + "/reschedule", form: formB + [("slotId", free)])
            let answers = try await [moveA, moveB]
            #expect(answers.map(\.status.code).sorted() == [303, 409])
            let winner = answers[0].status == .seeOther ? bookingA : bookingB
            let loser = winner == bookingA ? bookingB : bookingA
            #expect(try await client.get("/v1/bookings/\(winner)", token: fixture.centre).json["slotId"] as? String == free)
            #expect(try await client.get("/v1/bookings/\(loser)", token: fixture.centre).json["slotId"] as? String == (loser == bookingA ? a : b))
            let slots = try await client.slots(token: fixture.centre, "?free=true").compactMap { $0["id"] as? String }
            #expect(slots.contains(winner == bookingA ? a : b) && !slots.contains(free))
            let loserPage = answers.first { $0.status == .conflict }!
            #expect(loserPage.text.contains("class=\"problem\""))

            // The loser tries again for a new slot while the centre books it for someone else.
            let contested = try await client.createSlot(token: fixture.centre, locationId: location, ["start": "2027-02-11T11:00:00+01:00"])
            let third = try await client.createParticipant(token: fixture.centre, Sample.participant(["name": "Zeynep Arslan", "email": "zeynep@example.org"]))
            let loserPath = loser == bookingA ? pathA : pathB
            let retry = try #require(try await client.page(.get, loserPath).formFields(in: "reschedule"))
            async let moved = client.page(.post, loserPath + "/reschedule", form: retry + [("slotId", contested)])
            async let booked = client.book(token: fixture.centre, participantId: third, slotId: contested)
            let (move, book) = try await (moved, booked)
            #expect([move.status == .seeOther, book.status == .created].filter { $0 }.count == 1, "\(move.status) \(book.status)")
            #expect(move.status == .seeOther || move.status == .conflict)
            #expect(book.status == .created || isProblem(book, .conflict, "slot-taken"))
            let holder = try await client.get("/v1/bookings/\(loser)", token: fixture.centre).json["slotId"] as? String
            #expect((holder == contested) == (move.status == .seeOther))
        }
    }

    @Test func postsUnderTheLinkAreLimitedPerClientWithRetryAfter() async throws {
        let fixture = try APITestServer()
        try await fixture.testWithPages { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<11 {
                statuses.append(try await client.page(.post, "/b/nothing-here/cancel", form: [("form", "x")]).status)
            }
            #expect(statuses.prefix(10).allSatisfy { $0 == .notFound })
            let limited = try await client.page(.post, "/b/nothing-here/cancel", form: [("form", "x")])
            #expect(limited.status == .tooManyRequests && Int(limited.headers[HTTPField.Name("Retry-After")!] ?? "") ?? 0 >= 1)
            #expect(statuses.last == .tooManyRequests)
            #expect(try await client.page(.get, "/b/nothing-here").status == .notFound)  // reading is not limited
        }
    }
}

extension APITestServer {
    /// Runs `body` against the API and the pages on one router, as `serve` has them.
    func testWithPages(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = buildRouter(services: server.services)
        server.pages.add(to: router)
        try await Application(router: router).test(.router, body)
    }

    /// The HTML of a staff page after signing in through the form as a staff member of the
    /// organisation whose token is `token`.
    func signedInPage(_ client: any TestClientProtocol, token: String, _ path: String) async throws -> String {
        try await client.page(.get, path, cookie: try await signIn(client, token: token)).text
    }

    /// Signs in through the form as the first admin of the organisation whose token is `token`
    /// (made on first use); answers the session cookie, `name=value`.
    func signIn(_ client: any TestClientProtocol, token: String) async throws -> String {
        let email = try await TestStaff.account(
            "admin@\(token.suffix(8).lowercased()).example", from: try #require(invitations[token]), in: server.database, now: Self.now)
        let form = try await client.page(.get, "/staff/sign-in")
        let cookie = try #require(form.headers[.setCookie]?.split(separator: ";").first.map(String.init))
        // The suite's many servers share one process's password pool: "busy" is answered 503 with
        // Retry-After, and a person tries again.
        var signedIn: PageAnswer
        repeat {
            signedIn = try await client.page(
                .post, "/staff/sign-in",
                form: [("csrf", form.formField("csrf", in: "sign-in") ?? ""), ("email", email), ("password", TestStaff.password)], cookie: cookie)
            if signedIn.status == .serviceUnavailable { await pause(.seconds(1)) }
        } while signedIn.status == .serviceUnavailable
        let session = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("__Host-wegweiser_session=") })
        return String(session.split(separator: ";")[0])
    }
}

/// A page as a browser gets it.
struct PageAnswer {
    let status: HTTPResponse.Status
    let text: String
    let headers: HTTPFields

    /// The hidden fields a form posts back: its token and the booking's state it was shown in.
    func formFields(in form: String) -> [(String, String)]? {
        guard let token = formField("form", in: form), let state = formField("state", in: form) else { return nil }
        return [("form", token), ("state", state)]
    }

    /// The value of the hidden field `name` in the form with id `form`.
    func formField(_ name: String, in form: String) -> String? {
        guard let start = text.range(of: "id=\"\(form)\""), let field = text[start.upperBound...].range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(text[field.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestClientProtocol {
    /// A browser's GET, or a POST of an HTML form.
    func page(_ method: HTTPRequest.Method, _ path: String, form: [(String, String)]? = nil, cookie: String? = nil) async throws -> PageAnswer {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let body = form.map { fields in
            fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&")
        }
        return try await execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            PageAnswer(status: response.status, text: String(buffer: response.body), headers: response.headers)
        }
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
