import BookingEngine
import Foundation
import ICalendar
import SchedulingCore
import SMTPClient
import Store
import Testing
import TestSupport
@testable import Notifier

/// A database with one course, one slot and two participants, an engine, and a notifier on it.
struct NotifierFixture {
    static let now = Timestamp(rfc3339: "2027-01-04T10:00:00+01:00")!
    let directory: URL
    let database: AppDatabase
    let engine: BookingEngine
    let composer: MailComposer

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-notifier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try AppDatabase(path: directory.appendingPathComponent("n.sqlite").path)
        var batch = ImportBatch()
        batch.organisations = [Organisation(id: "prov", kind: .provider, name: "VHS"), Organisation(id: "centre", kind: .adviceCentre, name: "AWO Duisburg")]
        batch.locations = [try LocationInput(name: "VHS-Zentrum", address: "Münzstraße 31, 47051 Duisburg", district: "Mitte", lat: 51.43, lon: 6.76, stepFree: true).validated(id: "loc", ownerId: "prov")]
        batch.courses = [try CourseInput(title: "Integrationskurs A1", kind: "general", level: "A1", locationId: "loc", capacity: 1, startDate: "2027-05-03", endDate: "2027-05-14", weekdays: ["MO", "TH"], startTime: "09:00", endTime: "12:15").validated(id: "course", providerId: "prov")]
        batch.slots = [try SlotInput(locationId: "loc", start: "2027-01-12T14:00:00+01:00", durationMinutes: 45, service: "mbe", languages: ["de", "tr", "ar"]).validated(id: "slot", centreId: "centre")]
        batch.participants = [
            try ParticipantInput(name: "Ayşe Yılmaz", email: "ayse@example.org", preferredLanguage: "tr", languages: ["tr", "de"], gender: "female", district: "Hamborn", lat: 51.49, lon: 6.77, level: "A1", consent: true).validated(id: "p0", centreId: "centre", now: Self.now),
            try ParticipantInput(name: "محمد الأحمد", email: "m.alahmad@example.org", preferredLanguage: "ar", languages: ["ar", "de"], gender: "male", district: "Mitte", lat: 51.43, lon: 6.76, level: "A1", consent: true).validated(id: "p1", centreId: "centre", now: Self.now),
        ]
        try database.insert(batch, now: Self.now)
        engine = try BookingEngine(database: database, clock: { Self.now })
        let notifications = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Notifications")
        let calendars = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Calendars")
        composer = MailComposer(
            database: database, templates: try TemplateLibrary(directory: notifications),
            calendars: HolidayCalendars(publicHolidays: try HolidayCalendar(icalendar: String(contentsOf: calendars.appendingPathComponent("holidays-nrw.ics"), encoding: .utf8))),
            sender: try MailAddress("kurse@wegweiser.example.org", displayName: "Wegweiser Duisburg"))
    }

    func book(_ participant: String, _ offer: OfferRef) async throws -> Booking {
        let decision = try await engine.submit(.book(BookingRequest(bookingId: "b-\(participant)-\(offer.id)", participantId: participant, offer: offer)))
        guard case .booking(let booking, _) = decision else { throw Unsendable(decision: decision) }
        return booking
    }

    struct Unsendable: Error { let decision: LedgerDecision }
}

/// What Python's `email` package reads from a `.eml` file: subject, recipient, and the calendar.
func parsedMail(_ path: String) async throws -> [String: String] {
    let script = """
        import email, email.policy, json, sys
        m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
        cal = next((p.get_content() for p in m.walk() if p.get_content_type() == 'text/calendar'), '')
        body = m.get_body(preferencelist=('plain',)).get_content()
        print(json.dumps({'subject': str(m['subject']), 'to': str(m['to']), 'calendar': cal, 'body': body, 'defects': str(len(m.defects))}))
        """
    let run = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, path])
    guard run.status == 0 else { throw CocoaError(.fileReadCorruptFile) }
    let data = Data(run.stdout.utf8)
    return try JSONDecoder().decode([String: String].self, from: data)
}

@Suite struct NotifierTests {
    @Test func everyBookingChangeIsMailedOnceInTheParticipantsLanguageWithItsCalendar() async throws {
        let fixture = try NotifierFixture()
        let mailDirectory = fixture.directory.appendingPathComponent("mail-out")
        let notifier = Notifier(database: fixture.database, composer: fixture.composer, transport: try FileMailTransport(directory: mailDirectory), clock: { NotifierFixture.now })
        let course = try await fixture.book("p0", .course("course"))
        _ = try await fixture.book("p1", .slot("slot"))
        #expect(await notifier.drain() == Notifier.Report(sent: 2, retried: 0, failed: 0))
        #expect(await notifier.drain() == Notifier.Report())  // nothing is sent twice

        let files = try FileManager.default.contentsOfDirectory(atPath: mailDirectory.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files == ["outbox-1@wegweiser.example.org.eml", "outbox-2@wegweiser.example.org.eml"])
        let turkish = try await parsedMail(mailDirectory.appendingPathComponent(files[0]).path)
        #expect(turkish["defects"] == "0")
        #expect(turkish["to"]?.contains("Ayşe Yılmaz") == true)
        #expect(turkish["body"]?.contains("Merhaba Ayşe Yılmaz") == true)
        #expect(turkish["calendar"]?.contains("UID:\(course.id)@wegweiser") == true)
        #expect(turkish["calendar"]?.contains("METHOD:REQUEST") == true)
        // The course skips Ascension Day 2027 (Thursday 6 May), and the calendar says so.
        #expect(turkish["calendar"]?.contains("EXDATE;TZID=Europe/Berlin:20270506T090000") == true)
        let arabic = try await parsedMail(mailDirectory.appendingPathComponent(files[1]).path)
        #expect(arabic["body"]?.contains("محمد الأحمد") == true)
        #expect(arabic["calendar"]?.contains("DTSTART;TZID=Europe/Berlin:20270112T140000") == true)

        _ = try await fixture.engine.submit(.cancel(bookingId: course.id, by: .centre))
        #expect(await notifier.drain().sent == 1)
        let cancellation = try await parsedMail(mailDirectory.appendingPathComponent("outbox-3@wegweiser.example.org.eml").path)
        #expect(cancellation["calendar"]?.contains("METHOD:CANCEL") == true)
        #expect(cancellation["calendar"]?.contains("UID:\(course.id)@wegweiser") == true)
        #expect(cancellation["calendar"]?.contains("SEQUENCE:1") == true)
        #expect(try await fixture.database.mail(status: .sent).count == 3)
    }

    @Test func mailThatCannotGoOutNowWaitsWithItsAttemptCounted() async throws {
        let fixture = try NotifierFixture()
        // Nothing listens on port 1: every send is a network failure.
        let transport = SMTPMailTransport(connection: try CurlSMTPConnection(url: "smtp://127.0.0.1:1", startTLS: false, connectTimeout: .seconds(2)))
        let notifier = Notifier(database: fixture.database, composer: fixture.composer, transport: transport, clock: { NotifierFixture.now })
        _ = try await fixture.book("p0", .course("course"))
        #expect(await notifier.drain() == Notifier.Report(sent: 0, retried: 1, failed: 0))
        let pending = try #require(try await fixture.database.mail(status: .pending).first)
        #expect(pending.attempts == 1 && pending.lastError != nil)
        #expect(pending.nextAttemptAt >= NotifierFixture.now.secondsSinceEpoch + Notifier.firstDelay)
        // Not due again before its time.
        #expect(await notifier.drain() == Notifier.Report())
    }

    @Test func backOffDoublesUpToAnHourWithJitter() {
        #expect((30...37).contains(Notifier.delay(afterAttempts: 1)))
        #expect((60...75).contains(Notifier.delay(afterAttempts: 2)))
        #expect((3600...4500).contains(Notifier.delay(afterAttempts: 30)))
    }
}
