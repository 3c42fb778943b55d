import Foundation
import SchedulingCore
import Store
import Testing
import TestSupport
@testable import Notifier

/// The fixture's slot begins 2027-01-12 14:00 in Duisburg; its course on Monday 2027-05-03 09:00.
@Suite struct ReminderTests {
    static let slotStart = Timestamp(rfc3339: "2027-01-12T14:00:00+01:00")!

    @Test func aConfirmedBookingIsRemindedOnceADayBeforeInTheParticipantsLanguage() async throws {
        let fixture = try NotifierFixture()
        let clock = TestClock(NotifierFixture.now)
        let mailDirectory = fixture.directory.appendingPathComponent("mail-out")
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer, transport: try FileMailTransport(directory: mailDirectory),
            clock: clock.now)
        let booking = try await fixture.book("p1", .slot("slot"))
        #expect(await notifier.drain().sent == 1)  // the confirmation

        // 25 hours before: too early.
        clock.advance(seconds: Self.slotStart.secondsSinceEpoch - clock.now().secondsSinceEpoch - 25 * 3600)
        #expect(await notifier.drain() == Notifier.Report())
        // 23 hours before: the reminder is queued and sent in the same drain, once.
        clock.advance(seconds: 2 * 3600)
        #expect(await notifier.drain() == Notifier.Report(sent: 1, remindersQueued: 1))
        clock.advance(seconds: 120)
        #expect(await notifier.drain() == Notifier.Report())

        let reminder = try #require(try await fixture.database.mail(status: .sent).first { $0.kind == "reminder" })
        #expect(reminder.bookingId == booking.id)
        #expect(reminder.nextAttemptAt == Self.slotStart.secondsSinceEpoch - 24 * 3600)
        let mail = try await parsedMail(mailDirectory.appendingPathComponent("outbox-\(reminder.id)@wegweiser.example.org.eml").path)
        #expect(mail["defects"] == "0")
        #expect(mail["body"]?.contains("محمد الأحمد") == true)
        #expect(mail["calendar"] == "")  // the calendar entry came with the confirmation
    }

    @Test func aCourseIsRemindedBeforeItsFirstSessionAndTheLeadIsConfigurable() async throws {
        let fixture = try NotifierFixture()
        let firstSession = Timestamp(rfc3339: "2027-05-03T09:00:00+02:00")!
        let clock = TestClock(firstSession.adding(seconds: -47 * 3600))
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer,
            transport: try FileMailTransport(directory: fixture.directory.appendingPathComponent("mail-out")),
            reminders: ReminderSchedule(leadSeconds: 48 * 3600), clock: clock.now)
        _ = try await fixture.book("p0", .course("course"))
        _ = try await fixture.book("p1", .course("course"))  // waitlisted: one seat, no reminder
        #expect(await notifier.drain() == Notifier.Report(sent: 3, remindersQueued: 1))
        let reminders = try await fixture.database.mail(status: .sent).filter { $0.kind == "reminder" }
        #expect(reminders.map(\.participantId) == ["p0"])
    }

    @Test func aReminderForABookingCancelledBeforeItWentOutIsDropped() async throws {
        let fixture = try NotifierFixture()
        let clock = TestClock(Self.slotStart.adding(seconds: -3600))
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer,
            transport: try FileMailTransport(directory: fixture.directory.appendingPathComponent("mail-out")), clock: clock.now)
        let booking = try await fixture.book("p1", .slot("slot"))
        try fixture.database.queueReminders([(booking, clock.now())], now: clock.now())
        _ = try await fixture.engine.submit(.cancel(bookingId: booking.id, by: .centre))
        let report = await notifier.drain()
        #expect(report.sent == 2 && report.dropped == 1)  // confirmation and cancellation; no reminder
        let dropped = try #require(try await fixture.database.mail(status: .dropped).first)
        #expect(dropped.kind == "reminder" && dropped.lastError == "the booking is no longer confirmed")
    }
}
