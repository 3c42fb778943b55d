import Foundation
import TestSupport
import SchedulingCore
import Testing
@testable import ICalendar

/// Fixed models the writing tests share: a Duisburg course over Ascension Day 2027 and a
/// counselling slot, both in Europe/Berlin.
enum WritingSamples {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let zone = CivilZone.europeBerlin
    static let productId = "-//Wegweiser//Kursbuchung//DE"
    static let stamp = Timestamp(rfc3339: "2027-03-01T08:30:00+01:00")!

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static func nrwHolidays() throws -> HolidayCalendars {
        let text = try String(
            contentsOf: packageRoot.appendingPathComponent("Calendars/holidays-nrw.ics"), encoding: .utf8)
        return HolidayCalendars(publicHolidays: try HolidayCalendar(icalendar: text))
    }

    static let school = Location(
        id: "loc-hochfeld", ownerId: "org-vhs", name: "VHS Duisburg, Raum 2.14",
        address: "Steinsche Gasse 26, 47051 Duisburg", district: "Mitte",
        coordinate: Coordinate(latitude: 51.4325, longitude: 6.7652), stepFree: true)

    /// Tuesdays and Thursdays from Monday 12 April (not a course day) to 24 June 2027: Ascension
    /// Day (6 May) and Corpus Christi (27 May) fall on Thursdays and are skipped.
    static let course = Course(
        id: "c-a1-hochfeld", providerId: "org-vhs", title: "Integrationskurs A1 – Deutsch im Alltag",
        kind: .general, level: .a1, locationId: school.id, capacity: 20,
        womenOnly: false, childcare: true, startDate: date("2027-04-12"), endDate: date("2027-06-24"),
        weekdays: WeekdaySet([.tuesday, .thursday]), startTime: TimeOfDay(hour: 9, minute: 0)!,
        endTime: TimeOfDay(hour: 12, minute: 15)!)

    static let centre = CalendarParticipant(name: "Migrationsberatung Duisburg-Hochfeld", email: "mbe@example.org")

    static let slot = Slot(
        id: "s-0330-1000", centreId: "org-mbe", locationId: school.id,
        start: Timestamp(rfc3339: "2027-03-30T10:00:00+02:00")!, durationMinutes: 45, service: .mbe,
        languages: [], womenOnly: false, counsellor: "Frau Demir")

    static func slotEvent(summary: String = "Migrationsberatung (MBE)") -> CalendarEvent {
        CalendarEvent(
            slot: slot, summary: summary, location: school, zone: zone, uid: "slot-s-0330-1000@wegweiser",
            stamp: stamp, description: "Beratung mit Frau Demir. Bitte Ausweis und Bescheide mitbringen.",
            organizer: centre)
    }

    static func booking(_ id: String, offer: OfferRef, status: BookingStatus, sequence: Int) -> Booking {
        Booking(
            id: id, participantId: "p-1", offer: offer, status: status, sequence: sequence,
            createdAt: stamp, updatedAt: stamp.adding(seconds: Int64(sequence) * 3600))
    }

    /// Compares with `Fixtures/<name>`, line endings normalised so a checkout that rewrites them
    /// does not fail the test (CRLF itself is checked in the folding tests).
    /// `WEGWEISER_RECORD_GOLDEN=1` writes the file instead, and fails.
    static func expectGolden(
        _ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try GoldenFile.expect(
            text, matches: fixtures.appendingPathComponent(name), ignoringLineEndings: true,
            sourceLocation: sourceLocation)
    }
}

@Suite struct CalendarWritingGoldenTests {
    @Test func courseCalendarSkipsAscensionDayWithAnExdate() throws {
        let event = try #require(CalendarEvent(
            course: WritingSamples.course, location: WritingSamples.school,
            calendars: try WritingSamples.nrwHolidays(), uid: "course-c-a1-hochfeld@wegweiser",
            stamp: WritingSamples.stamp,
            organizer: CalendarParticipant(name: "VHS Duisburg", email: "kurse@vhs.example.org")))
        let text = renderCalendar(
            method: .publish, events: [event], zone: WritingSamples.zone, productId: WritingSamples.productId)
        #expect(text.contains("EXDATE;TZID=Europe/Berlin:20270506T090000\r\n"))
        try WritingSamples.expectGolden(text, "course-ascension-2027.ics")
    }

    @Test(arguments: [
        ("Ayşe Yılmaz", "ayse.yilmaz@example.org", "slot-confirmation-turkish.ics"),
        ("محمد الأحمد", "m.alahmad@example.org", "slot-confirmation-arabic.ics"),
        ("Иван Петров", "ivan.petrov@example.org", "slot-confirmation-russian.ics"),
    ])
    func slotConfirmationNamesTheAttendeeInTheirScript(name: String, email: String, fixture: String) throws {
        let booking = WritingSamples.booking(
            "b-2001", offer: .slot(WritingSamples.slot.id), status: .confirmed, sequence: 0)
        let text = try #require(renderBookingCalendar(
            booking: booking, offerEvent: WritingSamples.slotEvent(),
            attendee: CalendarParticipant(name: name, email: email), zone: WritingSamples.zone,
            productId: WritingSamples.productId))
        let event = try #require(try CalendarComponent.parse(text).components.first { $0.name == "VEVENT" })
        #expect(event.property("ATTENDEE")?.parameters["CN"] == name)
        try WritingSamples.expectGolden(text, fixture)
    }

    @Test func cancellationKeepsTheUidRaisesSequenceAndUsesMethodCancel() throws {
        let attendee = CalendarParticipant(name: "Ayşe Yılmaz", email: "ayse.yilmaz@example.org")
        let confirmed = WritingSamples.booking(
            "b-2001", offer: .slot(WritingSamples.slot.id), status: .confirmed, sequence: 0)
        var cancelled = confirmed
        cancelled.status = .cancelled
        cancelled.sequence = 1
        cancelled.updatedAt = confirmed.updatedAt.adding(seconds: 86_400)
        let render = { (booking: Booking) in
            try #require(renderBookingCalendar(
                booking: booking, offerEvent: WritingSamples.slotEvent(), attendee: attendee,
                zone: WritingSamples.zone, productId: WritingSamples.productId))
        }
        let first = try CalendarComponent.parse(try render(confirmed))
        let text = try render(cancelled)
        let second = try CalendarComponent.parse(text)
        let firstEvent = try #require(first.components.first { $0.name == "VEVENT" })
        let secondEvent = try #require(second.components.first { $0.name == "VEVENT" })

        #expect(first.property("METHOD")?.value == "REQUEST")
        #expect(second.property("METHOD")?.value == "CANCEL")
        #expect(secondEvent.property("UID")?.value == "b-2001@wegweiser")
        #expect(secondEvent.property("UID") == firstEvent.property("UID"))
        let sequence = { (event: CalendarComponent) in Int(event.property("SEQUENCE")?.value ?? "") ?? -1 }
        #expect(sequence(secondEvent) > sequence(firstEvent))
        #expect(secondEvent.property("STATUS")?.value == "CANCELLED")
        try WritingSamples.expectGolden(text, "slot-cancellation.ics")
    }

    @Test func waitlistedBookingHasNoCalendar() {
        let booking = WritingSamples.booking(
            "b-3", offer: .course(WritingSamples.course.id), status: .waitlisted, sequence: 0)
        #expect(renderBookingCalendar(
            booking: booking, offerEvent: WritingSamples.slotEvent(), attendee: WritingSamples.centre,
            zone: WritingSamples.zone, productId: WritingSamples.productId) == nil)
    }
}
