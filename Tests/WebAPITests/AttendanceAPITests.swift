import Foundation
import GRDB
import HTTPTypes
import Notifier
import HummingbirdTesting
import SchedulingCore
import Store
import Testing
import TestSupport
import WebAPI
import WegweiserApp

/// Attendance through the real router on a real SQLite file: providers record, sign off and
/// correct sessions; a booking breaking the no-show rule is at risk, its centre is told, and the
/// provider's release moves the waiting list.
@Suite struct AttendanceAPITests {
    /// A one-seat A1 course (from Monday 1 February 2027, Monday to Friday) held by Ayşe with
    /// Mohammed waiting; the clock then stands on the evening of the second session.
    struct Scene {
        let fixture: APITestServer
        let courseId, held, waiting, holderId, waiterId: String
    }

    /// From `APITestServer.now` (11 January 2027, 09:00) to 2 February 2027, 18:00.
    static let secondSessionEvening: Int64 = 22 * 86_400 + 9 * 3_600

    static func scene(
        _ client: any TestClientProtocol, _ fixture: APITestServer, _ clock: TestClock, holder: [String: Any] = ["attendanceConsent": true],
        capacity: Int = 1
    ) async throws -> Scene {
        let location = try await client.createLocation(token: fixture.provider)
        let courseId = try await client.createCourseId(token: fixture.provider, locationId: location, ["capacity": capacity])
        let holderId = try await client.createParticipant(token: fixture.centre, Sample.participant(["level": "A1"].merging(holder) { $1 }))
        let waiterId = try await client.createParticipant(token: fixture.centre, Sample.man())
        let held = try await client.bookedCourse(token: fixture.centre, participantId: holderId, courseId: courseId)
        let waiting = try await client.bookedCourse(token: fixture.centre, participantId: waiterId, courseId: courseId)
        clock.advance(seconds: secondSessionEvening)
        return Scene(
            fixture: fixture, courseId: courseId, held: held["id"] as! String, waiting: waiting["id"] as! String, holderId: holderId,
            waiterId: waiterId)
    }

    static func mark(_ client: any TestClientProtocol, _ scene: Scene, _ date: String, _ marks: [[String: Any]], token: String? = nil) async throws -> APIAnswer {
        try await client.call(
            .put, "/v1/courses/\(scene.courseId)/attendance/\(date)", token: token ?? scene.fixture.provider, json: jsonText(["marks": marks]))
    }

    static func attendance(_ client: any TestClientProtocol, _ scene: Scene) async throws -> [String: Any] {
        let answer = try await client.get("/v1/courses/\(scene.courseId)/attendance", token: scene.fixture.provider)
        #expect(answer.status == .ok)
        return answer.json
    }

    static func rows(_ fixture: APITestServer, _ table: String) throws -> Int {
        try fixture.server.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test func marksThatBreakARuleAreRefusedWholeAndNothingIsStored() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.test { client in
            let scene = try await Self.scene(client, fixture, clock)
            let present: [String: Any] = ["bookingId": scene.held, "code": "X"]
            let refusals: [(date: String, marks: [[String: Any]], field: String)] = [
                ("2027-02-06", [present], "date"),  // a Saturday: no session
                ("2027-02-03", [present], "date"),  // tomorrow
                ("2027-02-31", [present], "date"),
                ("2027-02-01", [["bookingId": scene.held, "code": "Y"]], "marks[0].code"),
                ("2027-02-01", [present, ["bookingId": "bkg-unknown", "code": "U"]], "marks[1].bookingId"),
                ("2027-02-01", [present, ["bookingId": scene.waiting, "code": "U"]], "marks[1].bookingId"),  // waits, holds no seat
                ("2027-02-01", [["bookingId": scene.held, "code": "U", "arrivedLateMinutes": 5]], "marks[0].arrivedLateMinutes"),
                ("2027-02-01", [["bookingId": scene.held, "code": "X", "leftEarlyMinutes": 601]], "marks[0].leftEarlyMinutes"),
                ("2027-02-01", [present, ["bookingId": scene.held, "code": "E"]], "marks[1].bookingId"),
            ]
            for refusal in refusals {
                let answer = try await Self.mark(client, scene, refusal.date, refusal.marks)
                #expect(isProblem(answer, .unprocessableContent), "\(refusal)")
                #expect(errorFields(answer) == [refusal.field], "\(refusal): \(answer.text)")
            }
            let noMarks = try await client.call(.put, "/v1/courses/\(scene.courseId)/attendance/2027-02-01", token: fixture.provider, json: "{}")
            #expect(isProblem(noMarks, .unprocessableContent) && errorFields(noMarks) == ["marks"])
            #expect(try Self.rows(fixture, "attendanceDay") == 0 && Self.rows(fixture, "attendanceMark") == 0)
            #expect((try await Self.attendance(client, scene)["sessions"] as? [Any])?.isEmpty == true)

            // Only the course's own provider records; an administrator reads.
            #expect(try await Self.mark(client, scene, "2027-02-01", [present], token: fixture.otherProvider).status == .notFound)
            #expect(try await Self.mark(client, scene, "2027-02-01", [present], token: fixture.admin).status == .forbidden)
            #expect(try await Self.mark(client, scene, "2027-02-01", [present], token: fixture.centre).status == .forbidden)
            #expect(try await client.get("/v1/courses/\(scene.courseId)/attendance", token: fixture.admin).status == .ok)
            #expect(try await client.get("/v1/courses/\(scene.courseId)/attendance", token: fixture.otherProvider).status == .notFound)
            #expect(try Self.rows(fixture, "attendanceDay") == 0)
        }
    }

    @Test func aSignedOffDayChangesOnlyByACorrectionThatKeepsTheOldMark() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.test { client in
            let scene = try await Self.scene(client, fixture, clock)
            let path = "/v1/courses/\(scene.courseId)/attendance"
            #expect(try await Self.mark(client, scene, "2027-02-01", [["bookingId": scene.held, "code": "X", "arrivedLateMinutes": 10]]).status == .ok)
            // Until the sign-off, a new record replaces the day's.
            let replaced = try await Self.mark(client, scene, "2027-02-01", [["bookingId": scene.held, "code": "E"]])
            #expect(replaced.status == .ok)
            let day = try #require((replaced.json["sessions"] as? [[String: Any]])?.first)
            #expect(day["date"] as? String == "2027-02-01" && day["signedOffAt"] == nil)
            #expect((day["marks"] as? [[String: Any]])?.map { $0["code"] as? String } == ["E"])

            let early = try await client.post("\(path)/2027-02-01/corrections", token: fixture.provider, ["bookingId": scene.held, "code": "X", "reason": "Nachweis"])
            #expect(isProblem(early, .conflict, "attendance-not-signed-off"))
            #expect(isProblem(try await client.post("\(path)/2027-02-02/sign-off", token: fixture.provider, [:]), .conflict, "attendance-not-recorded"))

            let signed = try await client.post("\(path)/2027-02-01/sign-off", token: fixture.provider, [:])
            #expect(signed.status == .ok)
            #expect((signed.json["sessions"] as? [[String: Any]])?.first?["signedOffAt"] as? String == "2027-02-02T18:00:00+01:00")
            let late = try await Self.mark(client, scene, "2027-02-01", [["bookingId": scene.held, "code": "U"]])
            #expect(isProblem(late, .conflict, "attendance-signed-off"))

            let noReason = try await client.post("\(path)/2027-02-01/corrections", token: fixture.provider, ["bookingId": scene.held, "code": "X"])
            #expect(isProblem(noReason, .unprocessableContent) && errorFields(noReason) == ["reason"])
            let stranger = try await client.post(
                "\(path)/2027-02-01/corrections", token: fixture.provider, ["bookingId": scene.waiting, "code": "X", "reason": "?"])
            #expect(isProblem(stranger, .unprocessableContent) && errorFields(stranger) == ["bookingId"])
            let corrected = try await client.post(
                "\(path)/2027-02-01/corrections", token: fixture.provider,
                ["bookingId": scene.held, "code": "X", "arrivedLateMinutes": 20, "reason": "Kam doch, Liste vertauscht"])
            #expect(corrected.status == .created)

            let record = try await Self.attendance(client, scene)
            let session = try #require((record["sessions"] as? [[String: Any]])?.first)
            let mark = try #require((session["marks"] as? [[String: Any]])?.first)
            #expect(mark["code"] as? String == "X" && mark["arrivedLateMinutes"] as? Int == 20)
            let correction = try #require((session["corrections"] as? [[String: Any]])?.first)
            #expect((correction["replaced"] as? [String: Any])?["code"] as? String == "E")
            #expect(correction["reason"] as? String == "Kam doch, Liste vertauscht" && correction["recordedBy"] as? String == fixture.providerId)
            let totals = try #require((record["bookings"] as? [[String: Any]])?.first { $0["bookingId"] as? String == scene.held })
            #expect(totals["counts"] as? [String: Int] == ["X": 1, "E": 0, "U": 0, "W": 0, "P": 0])
            #expect(totals["rate"] as? Double == 1.0 && totals["atRisk"] as? Bool == false)
            #expect(try Self.rows(fixture, "attendanceCorrection") == 1 && Self.rows(fixture, "attendanceMark") == 1)
        }
    }

    @Test func twoUnexcusedFirstSessionsPutTheSeatAtRiskTellTheCentreAndItsReleaseMovesTheWaitingList() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.test { client in
            let scene = try await Self.scene(client, fixture, clock)
            let absent: [[String: Any]] = [["bookingId": scene.held, "code": "U"]]
            _ = try await Self.mark(client, scene, "2027-02-01", absent)
            #expect(try await client.get("/v1/bookings/\(scene.held)", token: fixture.centre).json["atRisk"] as? Bool == false)
            let second = try await Self.mark(client, scene, "2027-02-02", absent)
            #expect((second.json["bookings"] as? [[String: Any]])?.first?["atRisk"] as? Bool == true)

            #expect(try await client.get("/v1/bookings/\(scene.held)", token: fixture.centre).json["atRisk"] as? Bool == true)
            let person = try await client.get("/v1/participants/\(scene.holderId)", token: fixture.centre)
            #expect((person.json["bookings"] as? [[String: Any]])?.first?["atRisk"] as? Bool == true)
            #expect(person.json["attendanceConsent"] as? Bool == true)
            let roster = try await client.get("/v1/courses/\(scene.courseId)/roster", token: fixture.provider)
            #expect((roster.json["confirmed"] as? [[String: Any]])?.first?["atRisk"] as? Bool == true)
            let notices = try await client.get("/v1/notifications", token: fixture.centre).json["notices"] as? [[String: Any]]
            #expect(notices?.count == 1 && notices?.first?["kind"] as? String == "booking.atRisk")
            #expect(notices?.first?["bookingId"] as? String == scene.held && notices?.first?["courseId"] as? String == scene.courseId)
            #expect((try await client.get("/v1/notifications", token: fixture.otherCentre).json["notices"] as? [Any])?.isEmpty == true)

            // An excuse brought in later ends the risk; the record of it stays.
            _ = try await client.post("/v1/courses/\(scene.courseId)/attendance/2027-02-02/sign-off", token: fixture.provider, [:])
            _ = try await client.post(
                "/v1/courses/\(scene.courseId)/attendance/2027-02-02/corrections", token: fixture.provider,
                ["bookingId": scene.held, "code": "E", "reason": "Attest nachgereicht"])
            #expect(try await client.get("/v1/bookings/\(scene.held)", token: fixture.centre).json["atRisk"] as? Bool == false)
            let release = "/v1/bookings/\(scene.held)/release"
            #expect(isProblem(try await client.post(release, token: fixture.provider, ["reason": "Fehlt"]), .conflict, "not-at-risk"))
            _ = try await client.post(
                "/v1/courses/\(scene.courseId)/attendance/2027-02-02/corrections", token: fixture.provider,
                ["bookingId": scene.held, "code": "U", "reason": "Attest gilt nicht für diesen Tag"])
            #expect(try await client.get("/v1/bookings/\(scene.held)", token: fixture.centre).json["atRisk"] as? Bool == true)
            // At risk again: still one notice, not one per time.
            #expect((try await client.get("/v1/notifications", token: fixture.centre).json["notices"] as? [Any])?.count == 1)
            #expect(try Self.rows(fixture, "centreNotice") == 1)

            #expect(try await client.post(release, token: fixture.otherProvider, ["reason": "Fehlt"]).status == .notFound)
            #expect(try await client.post(release, token: fixture.centre, ["reason": "Fehlt"]).status == .forbidden)
            #expect(try await client.post(release, token: fixture.admin, ["reason": "Fehlt"]).status == .forbidden)
            let controlled = try await client.post(release, token: fixture.provider, ["reason": "Fehlt\nZeile"])
            #expect(isProblem(controlled, .unprocessableContent) && errorFields(controlled) == ["reason"])
            let noReason = try await client.post(release, token: fixture.provider, ["reason": "  "])
            #expect(isProblem(noReason, .unprocessableContent) && errorFields(noReason) == ["reason"])
            #expect(isProblem(try await client.post("/v1/bookings/\(scene.waiting)/release", token: fixture.provider, ["reason": "x"]), .conflict, "not-at-risk"))
            #expect(try await client.bookingStatus(scene.held, token: fixture.centre) == "confirmed")

            let released = try await client.post(release, token: fixture.provider, ["reason": "Zweimal ohne Entschuldigung gefehlt"])
            #expect(released.status == .ok)
            #expect(released.json["status"] as? String == "cancelled" && released.json["cancelledBy"] as? String == "provider")
            #expect(try await client.bookingStatus(scene.waiting, token: fixture.centre) == "confirmed")
            let mails = try ParticipantLinkTests.outbox(fixture).suffix(2)
            #expect(mails.map(\.bookingId) == [scene.held, scene.waiting] && mails.map(\.kind) == ["released", "promoted"])

            // The participant's mail says why, in their language, and whom to call.
            let entry = try #require(try await fixture.server.database.mail(status: nil).last { $0.kind == "released" })
            let facts = try fixture.server.database.mailFacts(for: [(entry.bookingId, entry.participantId)])[0]
            let mail = try fixture.server.services.composer.compose(entry, facts: facts, now: clock.now())
            #expect(mail.languageCode == "tr" && mail.textBody.contains("Zweimal ohne Entschuldigung gefehlt"))
            #expect(mail.textBody.contains("AWO") && mail.calendar?.method == .cancel)
            #expect(try await client.post(release, token: fixture.provider, ["reason": "nochmal"]).status == .conflict)
            // The seat is gone, and so is the notice about it.
            #expect((try await client.get("/v1/notifications", token: fixture.centre).json["notices"] as? [Any])?.isEmpty == true)

            // A day recorded while she still came keeps her mark, and can still be recorded again.
            let again = try await Self.mark(client, scene, "2027-02-01", [["bookingId": scene.held, "code": "U"], ["bookingId": scene.waiting, "code": "X"]])
            #expect(again.status == .ok, "\(again.text)")
            #expect(isProblem(try await Self.mark(client, scene, "2027-02-02", [["bookingId": scene.held, "code": "X"]]), .conflict, "attendance-signed-off"))
        }
    }

    @Test func withoutTheParticipantsConsentTheCentreIsNotTold() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.test { client in
            let scene = try await Self.scene(client, fixture, clock, holder: [:])
            for date in ["2027-02-01", "2027-02-02"] { _ = try await Self.mark(client, scene, date, [["bookingId": scene.held, "code": "U"]]) }
            // The provider sees it and may act; the centre learns nothing of the person's attendance.
            let roster = try await client.get("/v1/courses/\(scene.courseId)/roster", token: fixture.provider)
            #expect((roster.json["confirmed"] as? [[String: Any]])?.first?["atRisk"] as? Bool == true)
            #expect(try await client.get("/v1/bookings/\(scene.held)", token: fixture.centre).json["atRisk"] as? Bool == false)
            let person = try await client.get("/v1/participants/\(scene.holderId)", token: fixture.centre)
            #expect((person.json["bookings"] as? [[String: Any]])?.first?["atRisk"] as? Bool == false)
            #expect((try await client.get("/v1/notifications", token: fixture.centre).json["notices"] as? [Any])?.isEmpty == true)
            #expect(try Self.rows(fixture, "centreNotice") == 0)
        }
    }

    @Test func theSpreadsheetOpensInGermanSpreadsheetsAndRunsNoFormula() async throws {
        guard await Python.require(module: "csv") else { return }
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.test { client in
            let scene = try await Self.scene(client, fixture, clock, holder: ["name": "=HYPERLINK(\"http://evil.example\";\"Klick\")"], capacity: 2)
            _ = try await Self.mark(client, scene, "2027-02-01", [
                ["bookingId": scene.held, "code": "X", "arrivedLateMinutes": 10], ["bookingId": scene.waiting, "code": "U"],
            ])
            _ = try await Self.mark(client, scene, "2027-02-02", [
                ["bookingId": scene.held, "code": "U"], ["bookingId": scene.waiting, "code": "X", "leftEarlyMinutes": 15],
            ])
            let answer = try await client.get("/v1/courses/\(scene.courseId)/attendance.csv", token: fixture.provider)
            #expect(answer.status == .ok && answer.headers[.contentType]?.hasPrefix("text/csv; charset=utf-8") == true)
            let bytes = Array(answer.text.utf8)
            #expect(bytes.prefix(3) == [0xEF, 0xBB, 0xBF])
            let file = fixture.directory.appendingPathComponent("attendance.csv")
            try Data(bytes).write(to: file)
            let read = try await Python.run(["-c", """
                import csv, json, sys
                with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:
                    print(json.dumps(list(csv.reader(f, delimiter=';'))))
                """, file.path])
            #expect(read.status == 0, "\(read.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[String]])
            #expect(rows.count == 4)
            #expect(rows[0] == ["Teilnehmende", "Buchung", "01.02.2027", "02.02.2027", "X", "E", "U", "W", "P", "Anwesenheit"])
            #expect(rows[1] == ["'=HYPERLINK(\"http://evil.example\";\"Klick\")", scene.held, "X (10 min spät)", "U", "1", "0", "1", "0", "0", "50,0 %"])
            #expect(rows[2] == ["Mohammed Al-Ahmad", scene.waiting, "U", "X (15 min früher weg)", "1", "0", "1", "0", "0", "50,0 %"])
            #expect(rows[3] == ["Anwesend", "", "1", "1"])
            #expect(answer.text.contains("\r\n") && !answer.text.contains(",0 %\n"))
        }
    }

    @Test func anAppointmentsOutcomeIsRecordedByItsCentreOnceItBegan() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.test { client in
            let location = try await client.createLocation(token: fixture.centre)
            let slotId = try await client.createSlot(token: fixture.centre, locationId: location)
            let participant = try await client.createParticipant(token: fixture.centre)
            let booking = try await client.book(token: fixture.centre, participantId: participant, slotId: slotId).json["id"] as! String
            let outcome = "/v1/bookings/\(booking)/outcome"
            #expect(isProblem(try await client.post(outcome, token: fixture.centre, ["attended": false]), .conflict, "appointment-not-begun"))
            clock.advance(seconds: 30 * 86_400)  // 10 February 2027, the slot's day, has passed
            let missing = try await client.post(outcome, token: fixture.centre, [:])
            #expect(isProblem(missing, .unprocessableContent) && errorFields(missing) == ["attended"])
            #expect(try await client.post(outcome, token: fixture.otherCentre, ["attended": false]).status == .notFound)
            #expect(try await client.post(outcome, token: fixture.provider, ["attended": false]).status == .forbidden)
            let recorded = try await client.post(outcome, token: fixture.centre, ["attended": false])
            #expect(recorded.status == .ok && recorded.json["attended"] as? Bool == false)
            #expect(try await client.get("/v1/bookings/\(booking)", token: fixture.centre).json["attended"] as? Bool == false)
            #expect(try await fixture.server.database.noShows(centreId: fixture.centreId).map(\.booking.id) == [booking])
            #expect(try await fixture.server.database.noShows(centreId: fixture.otherCentreId).isEmpty)

            let courseLocation = try await client.createLocation(token: fixture.provider)
            let course = try await client.createCourseId(token: fixture.provider, locationId: courseLocation, ["startDate": "2027-03-01"])
            let seat = try await client.bookedCourse(token: fixture.centre, participantId: participant, courseId: course)["id"] as! String
            #expect(isProblem(try await client.post("/v1/bookings/\(seat)/outcome", token: fixture.centre, ["attended": true]), .conflict, "not-an-appointment"))
        }
    }

    @Test func erasureKeepsTheCountsAndNothingAboutThePerson() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.test { client in
            let scene = try await Self.scene(client, fixture, clock)
            for date in ["2027-02-01", "2027-02-02"] { _ = try await Self.mark(client, scene, date, [["bookingId": scene.held, "code": "U"]]) }
            _ = try await client.post("/v1/courses/\(scene.courseId)/attendance/2027-02-02/sign-off", token: fixture.provider, [:])
            _ = try await client.post(
                "/v1/courses/\(scene.courseId)/attendance/2027-02-02/corrections", token: fixture.provider,
                ["bookingId": scene.held, "code": "U", "reason": "Ayşe rief an, sie ist umgezogen"])
            #expect(try Self.rows(fixture, "centreNotice") == 1)
            #expect(try await client.call(.delete, "/v1/participants/\(scene.holderId)", token: fixture.centre).status == .noContent)

            let record = try await Self.attendance(client, scene)
            let totals = try #require((record["bookings"] as? [[String: Any]])?.first { $0["bookingId"] as? String == scene.held })
            #expect(totals["counts"] as? [String: Int] == ["X": 0, "E": 0, "U": 2, "W": 0, "P": 0] && totals["atRisk"] as? Bool == false)
            let csv = try await client.get("/v1/courses/\(scene.courseId)/attendance.csv", token: fixture.provider).text
            #expect(csv.contains("(gelöscht);\(scene.held);U;U") && !csv.contains("Ayşe"))
            #expect(try Self.rows(fixture, "centreNotice") == 0)
            let reasons = try await fixture.server.database.read { db in try String.fetchAll(db, sql: "SELECT reason FROM attendanceCorrection") }
            #expect(reasons == [""])
            let late = try await client.post(
                "/v1/courses/\(scene.courseId)/attendance/2027-02-02/corrections", token: fixture.provider,
                ["bookingId": scene.held, "code": "E", "reason": "Frau Y. hat angerufen"])
            #expect(isProblem(late, .unprocessableContent) && errorFields(late) == ["bookingId"])
        }
    }
}

@Suite struct AttendanceSpreadsheetTests {
    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+49 203", "'+49 203"), ("-Anna", "'-Anna"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("Ayşe", "Ayşe"), ("a;b", "\"a;b\""), ("Er sagte \"ja\"", "\"Er sagte \"\"ja\"\"\""), ("=a;b", "\"'=a;b\""),
    ])
    func cellsThatLookLikeFormulasAreText(value: String, cell: String) {
        #expect(AttendanceSpreadsheet.escaped(value) == cell)
    }

    @Test func ratesAndDatesAreWrittenTheGermanWay() {
        #expect(AttendanceSpreadsheet.percent(2.0 / 3.0) == "66,7 %" && AttendanceSpreadsheet.percent(1) == "100,0 %")
        #expect(MailFormatting.date(LocalDate(iso: "2027-02-01")!) == "01.02.2027")
        #expect(AttendanceSpreadsheet.cell(AttendanceMark(bookingId: "b", code: .present, arrivedLateMinutes: 0, leftEarlyMinutes: 20))
            == "X (20 min früher weg)")
    }
}

/// The staff pages of attendance on the same router as the API: the provider's roster releases an
/// at-risk seat, the sheet records and signs off a day, and the centre's pages show the notice and
/// record an appointment's outcome.
@Suite struct AttendancePageTests {
    struct Staff {
        let cookie: String
        let csrf: String
    }

    static func signIn(_ client: any TestClientProtocol, _ fixture: APITestServer, token: String) async throws -> Staff {
        let staffCookie = try await fixture.signIn(client, token: token)
        let page = try await client.page(.get, "/staff/team", cookie: staffCookie).text
        let csrf = try #require(page.firstMatch(of: /name="csrf" value="([^"]+)"/)?.output.1)
        return Staff(cookie: staffCookie, csrf: String(csrf))
    }

    @Test func theProviderRecordsADayOnTheSheetAndReleasesAnAtRiskSeatFromTheRoster() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.testWithPages { client in
            let scene = try await AttendanceAPITests.scene(client, fixture, clock)
            let staff = try await Self.signIn(client, fixture, token: fixture.provider)
            let sheet = "/provider/courses/\(scene.courseId)/attendance/2027-02-01"
            let empty = try await client.page(.get, sheet, cookie: staff.cookie)
            #expect(empty.status == .ok && empty.text.contains("<legend>Ayşe Yılmaz"))
            #expect(empty.text.components(separatedBy: "name=\"code-\(scene.held)\"").count - 1 == 5)
            #expect(!empty.text.contains("code-\(scene.waiting)"))  // waiting, not in the room

            let saved = try await client.page(.post, sheet, form: [("csrf", staff.csrf), ("code-\(scene.held)", "U")], cookie: staff.cookie)
            #expect(saved.status == .seeOther && saved.headers[.location] == "\(sheet)?done=attendanceSaved")
            let forged = try await client.page(.post, sheet, form: [("csrf", "forged"), ("code-\(scene.held)", "X")], cookie: staff.cookie)
            #expect(forged.status == .forbidden)
            let bad = try await client.page(.post, sheet, form: [("csrf", staff.csrf), ("code-\(scene.held)", "Q")], cookie: staff.cookie)
            #expect(bad.headers[.location]?.contains("problem=") == true)
            let second = "/provider/courses/\(scene.courseId)/attendance/2027-02-02"
            let signed = try await client.page(
                .post, second, form: [("csrf", staff.csrf), ("code-\(scene.held)", "U"), ("signOff", "1")], cookie: staff.cookie)
            #expect(signed.headers[.location] == "\(second)?done=attendanceSignedOff")
            let locked = try await client.page(.get, second, cookie: staff.cookie)
            #expect(locked.text.contains("attendance/2027-02-02/corrections") && !locked.text.contains("name=\"code-\(scene.held)\""))
            #expect(try await client.get("/v1/courses/\(scene.courseId)/attendance", token: fixture.provider).json["sessions"].map { ($0 as? [Any])?.count } == 2)

            let overview = try await client.page(.get, "/provider/courses/\(scene.courseId)/attendance", cookie: staff.cookie)
            #expect(overview.text.contains("<svg role=\"img\"") && overview.text.contains("<li>01.02.: 0/1 (0 %)</li>"))
            let csv = try await client.page(.get, "/provider/courses/\(scene.courseId)/attendance.csv", cookie: staff.cookie)
            #expect(csv.status == .ok && csv.text.contains("Ayşe Yılmaz;\(scene.held);U;U"))

            let roster = try await client.page(.get, "/provider/courses/\(scene.courseId)/roster", cookie: staff.cookie)
            #expect(roster.text.contains("action=\"/provider/bookings/\(scene.held)/release\""))
            let release = "/provider/bookings/\(scene.held)/release"
            let noReason = try await client.page(.post, release, form: [("csrf", staff.csrf), ("courseId", scene.courseId), ("reason", " ")], cookie: staff.cookie)
            #expect(noReason.headers[.location] == "/provider/courses/\(scene.courseId)/roster?problem=refused")
            // The refusal's words come from the session, once; the URL carries only the key.
            let shown = try await client.page(.get, noReason.headers[.location]!, cookie: staff.cookie)
            #expect(shown.text.contains("reason"), "the release's refusal names its field")
            let again = try await client.page(.get, noReason.headers[.location]!, cookie: staff.cookie)
            #expect(!again.text.contains("reason:") && again.text.contains("abgelehnt"))
            #expect(try await client.bookingStatus(scene.held, token: fixture.centre) == "confirmed")
            let released = try await client.page(
                .post, release, form: [("csrf", staff.csrf), ("courseId", scene.courseId), ("reason", "Zweimal gefehlt")], cookie: staff.cookie)
            #expect(released.headers[.location] == "/provider/courses/\(scene.courseId)/roster?done=released")
            #expect(try await client.bookingStatus(scene.held, token: fixture.centre) == "cancelled")
            #expect(try await client.bookingStatus(scene.waiting, token: fixture.centre) == "confirmed")

            // The first day is still open: Ayşe, who left since, keeps her mark and only shows it.
            let reopened = try await client.page(.get, sheet, cookie: staff.cookie)
            #expect(reopened.text.contains("Ayşe Yılmaz: U (Buchung beendet)") && !reopened.text.contains("name=\"code-\(scene.held)\""))
            let signedFirst = try await client.page(
                .post, sheet, form: [("csrf", staff.csrf), ("code-\(scene.waiting)", "U"), ("late-\(scene.waiting)", "5"), ("signOff", "1")],
                cookie: staff.cookie)
            #expect(signedFirst.headers[.location] == "\(sheet)?done=attendanceSignedOff")
            let marks = try await client.get("/v1/courses/\(scene.courseId)/attendance", token: fixture.provider).json["sessions"] as? [[String: Any]]
            let first = (marks?.first?["marks"] as? [[String: Any]])?.map { ($0["bookingId"] as? String ?? "", $0["code"] as? String ?? "") }
            // By booking id; two bookings made in the same millisecond may sort either way.
            #expect(first.map { Dictionary(uniqueKeysWithValues: $0) } == [scene.held: "U", scene.waiting: "U"])
            #expect((marks?.first?["marks"] as? [[String: Any]])?.last?["arrivedLateMinutes"] == nil)  // minutes only for someone present
        }
    }

    @Test func theCentreSeesTheNoticeAndRecordsAnAppointmentItsParticipantMissed() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.testWithPages { client in
            let scene = try await AttendanceAPITests.scene(client, fixture, clock)
            for date in ["2027-02-01", "2027-02-02"] {
                _ = try await AttendanceAPITests.mark(client, scene, date, [["bookingId": scene.held, "code": "U"]])
            }
            let location = try await client.createLocation(token: fixture.centre)
            let slotId = try await client.createSlot(token: fixture.centre, locationId: location, ["start": "2027-02-03T10:00:00+01:00", "languages": ["de", "ar"]])
            let booked = try await client.book(token: fixture.centre, participantId: scene.waiterId, slotId: slotId)
            let appointment = try #require(booked.json["id"] as? String, "\(booked.text)")
            clock.advance(seconds: 86_400)  // the appointment's day has passed

            let staff = try await Self.signIn(client, fixture, token: fixture.centre)
            let list = try await client.page(.get, "/centre", cookie: staff.cookie)
            #expect(list.text.contains("Kursplatz gefährdet") && list.text.contains("href=\"/centre/participants/\(scene.holderId)\""))
            let holder = try await client.page(.get, "/centre/participants/\(scene.holderId)", cookie: staff.cookie)
            #expect(holder.text.contains("Gefährdet: mehrmals unentschuldigt gefehlt"))

            let waiter = try await client.page(.get, "/centre/participants/\(scene.waiterId)", cookie: staff.cookie)
            #expect(waiter.text.contains("action=\"/centre/bookings/\(appointment)/outcome\""))
            let recorded = try await client.page(
                .post, "/centre/bookings/\(appointment)/outcome", form: [("csrf", staff.csrf), ("attended", "false")], cookie: staff.cookie)
            #expect(recorded.headers[.location] == "/centre/participants/\(scene.waiterId)?done=outcomeRecorded")
            #expect(try await client.get("/v1/bookings/\(appointment)", token: fixture.centre).json["attended"] as? Bool == false)
            let after = try await client.page(.get, "/centre", cookie: staff.cookie)
            #expect(after.text.contains("Nicht erschienen") && after.text.contains("href=\"/centre/participants/\(scene.waiterId)\""))
        }
    }
}
