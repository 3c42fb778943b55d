import GRDB
import SchedulingCore

extension AppDatabase {
    /// Courses that may have their first session between `from` and `through`: a course begins
    /// on or after its start date, and holidays push its first session back by some weeks at most.
    public func courses(startingFrom from: LocalDate, through: LocalDate) throws -> [Course] {
        try read { db in
            try CourseRecord
                .filter(Column("startDate") >= from.adding(days: -62).description && Column("startDate") <= through.description)
                .filter(Column("endDate") >= from.description)
                .fetchAll(db).map { try $0.model() }
        }
    }

    /// Slots that begin after `after` and no later than `through` (removed ones left out).
    public func slots(startingAfter after: Timestamp, through: Timestamp) throws -> [Slot] {
        try read { db in
            try SlotRecord
                .filter(Column("startsAt") > after.secondsSinceEpoch && Column("startsAt") <= through.secondsSinceEpoch)
                .filter(Column("removedAt") == nil)
                .fetchAll(db).map { try $0.model() }
        }
    }

    /// The confirmed bookings of these offers.
    public func confirmedBookings(courseIds: Set<String>, slotIds: Set<String>) throws -> [Booking] {
        guard !courseIds.isEmpty || !slotIds.isEmpty else { return [] }
        return try read { db in
            let courses = try courseIds.isEmpty ? [] : Self.confirmedBookings(of: "courseId", among: courseIds).fetchAll(db)
            let slots = try slotIds.isEmpty ? [] : Self.confirmedBookings(of: "slotId", among: slotIds).fetchAll(db)
            return try (courses + slots).map { try $0.model() }
        }
    }

    /// One request per kind of offer, courses through `booking_roster`, slots through
    /// `booking_slot_taken`: SQLite answers one request that ORs the two by scanning the table.
    /// `status <> 'cancelled'` is what lets it use those partial indexes; `= 'confirmed'` filters.
    static func confirmedBookings(of column: String, among ids: Set<String>) -> QueryInterfaceRequest<BookingRecord> {
        BookingRecord.filter(sql: "status <> 'cancelled' AND status = 'confirmed'").filter(ids.contains(Column(column)))
    }

    /// Queues one reminder per booking, due at the given time; a booking already reminded keeps
    /// its row (the partial unique index `outbox_reminder`). Answers how many were queued.
    @discardableResult
    public func queueReminders(_ reminders: [(booking: Booking, dueAt: Timestamp)], now: Timestamp) throws -> Int {
        guard !reminders.isEmpty else { return 0 }
        return try write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO outbox (bookingId, participantId, kind, nextAttemptAt, createdAt)
                SELECT ?, ?, 'reminder', ?, ? WHERE EXISTS (SELECT 1 FROM participant WHERE id = ? AND erasedAt IS NULL)
                """)
            var queued = 0
            for (booking, dueAt) in reminders {
                try insert.execute(arguments: [
                    booking.id, booking.participantId, dueAt.secondsSinceEpoch, now.secondsSinceEpoch, booking.participantId,
                ])
                queued += db.changesCount
            }
            return queued
        }
    }
}
