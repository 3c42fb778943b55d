import Foundation
import GRDB
import SchedulingCore
import Testing
@testable import Store

@Suite struct OutboxStoreTests {
    static let now = Timestamp(rfc3339: "2027-01-04T10:00:00+01:00")!

    /// A database with one booking and `count` pending mails about it.
    func database(mails count: Int) throws -> AppDatabase {
        let test = try TestDatabase()
        try test.database.insert(try BatchStoreTests.batch(), now: Self.now)
        try test.database.write { db in
            try db.execute(sql: "INSERT INTO booking (id, participantId, slotId, status, createdAt, updatedAt) VALUES ('b1', 'p1', 'slot', 'confirmed', 0, 0)")
            for index in 0..<count {
                try db.execute(sql: "INSERT INTO outbox (bookingId, participantId, kind, nextAttemptAt, createdAt) VALUES ('b1', 'p1', 'confirmed', ?, 0)",
                               arguments: [Self.now.secondsSinceEpoch - Int64(count - index)])
            }
        }
        return test.database
    }

    @Test func dueMailIsPendingAndDueOldestFirst() async throws {
        let database = try database(mails: 3)
        let due = try await database.dueMail(now: Self.now)
        #expect(due.map(\.id) == [1, 2, 3])
        #expect(due.allSatisfy { $0.status == .pending && $0.attempts == 0 })
        #expect(try await database.dueMail(now: Self.now.adding(seconds: -10)).isEmpty)
    }

    @Test func aRetryCountsTheAttemptAndWaitsUntilItsTime() async throws {
        let database = try database(mails: 1)
        try await database.record([(1, .retry(error: "451 try later", at: Self.now.adding(seconds: 60)))], now: Self.now)
        #expect(try await database.dueMail(now: Self.now).isEmpty)
        let again = try #require(try await database.dueMail(now: Self.now.adding(seconds: 60)).first)
        #expect(again.attempts == 1 && again.lastError == "451 try later")
    }

    @Test func sentAndFailedMailsAreNotDueAgainAndStayListed() async throws {
        let database = try database(mails: 2)
        try await database.record([(1, .sent), (2, .failed(error: "550 no such user"))], now: Self.now)
        #expect(try await database.dueMail(now: Self.now.adding(seconds: 3600)).isEmpty)
        let failed = try await database.mail(status: .failed)
        #expect(failed.map(\.id) == [2] && failed[0].lastError == "550 no such user" && failed[0].attempts == 1)
        #expect(try await database.mail(status: .sent).first?.sentAt == Self.now.secondsSinceEpoch)
        #expect(try await database.mail(status: nil).count == 2)
        // Marking a finished row again changes nothing.
        try await database.record([(1, .retry(error: "late", at: Self.now))], now: Self.now)
        #expect(try await database.mail(status: .sent).first?.lastError == nil)
    }

    @Test func aMailSentWhileItsPersonWasErasedIsAnsweredAsAnOrphan() async throws {
        let database = try database(mails: 3)
        // Row 2 was dropped by an erasure and row 3 deleted, while the lane was sending them.
        try await database.write { db in
            try db.execute(sql: "UPDATE outbox SET status = 'dropped' WHERE id = 2; DELETE FROM outbox WHERE id = 3")
        }
        let orphans = try await database.record([(1, .sent), (2, .sent), (3, .sent)], now: Self.now)
        #expect(orphans == [2, 3])
        #expect(try await database.mail(status: .sent).map(\.id) == [1])
    }

    @Test func anErasureInterruptedAfterItsCommitIsFoundAndFinishedInChunks() async throws {
        let database = try database(mails: 2)
        try await database.write { db in
            try db.execute(sql: """
                UPDATE participant SET name = '', erasedAt = 1 WHERE id = 'p1';
                INSERT INTO event (kind, bookingId, courseId, participantId, at) VALUES ('confirmed', 'b1', NULL, 'p1', 0);
                """)
        }
        #expect(try await database.erasedWithLeftovers() == ["p1"])
        #expect(try await database.forgetErased(["p1"]).sorted() == [1, 2], "the mail rows deleted, whose files go too")
        #expect(try await database.erasedWithLeftovers().isEmpty)
        let event = try await database.read { db in
            try String.fetchOne(db, sql: "SELECT kind || ':' || coalesce(bookingId, '-') || ':' || coalesce(participantId, '-') FROM event")
        }
        #expect(event == "confirmed:-:-", "the event keeps what happened, not to whom")
    }

    @Test func aDroppedMailKeepsItsReasonAndCountsNoAttempt() async throws {
        let database = try database(mails: 1)
        try await database.record([(1, .dropped(reason: "the offer has begun"))], now: Self.now)
        let dropped = try #require(try await database.mail(status: .dropped).first)
        #expect(dropped.attempts == 0 && dropped.lastError == "the offer has begun")
        #expect(try await database.dueMail(now: Self.now.adding(seconds: 3600)).isEmpty)
    }

    @Test func aBookingIsRemindedOnceHoweverOftenItIsQueued() async throws {
        let database = try database(mails: 0)
        let booking = try #require(try database.booking(id: "b1"))
        #expect(try database.queueReminders([(booking, Self.now)], now: Self.now) == 1)
        #expect(try database.queueReminders([(booking, Self.now)], now: Self.now) == 0)
        let reminders = try await database.dueMail(now: Self.now).filter { $0.kind == "reminder" }
        #expect(reminders.count == 1 && reminders[0].nextAttemptAt == Self.now.secondsSinceEpoch)
        #expect(try database.confirmedBookings(courseIds: [], slotIds: ["slot"]).map(\.id) == ["b1"])
        #expect(try database.confirmedBookings(courseIds: ["slot"], slotIds: []).isEmpty)
    }
}
