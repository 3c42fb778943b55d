import GRDB
import SchedulingCore

/// Reads of bookings from the store, for whoever must not wait for the booking loop. Each
/// searches an index of `v3-booking-integrity`; those are partial, so every query that reads
/// active bookings says `status <> 'cancelled'` as the indexes do.
extension AppDatabase {
    public func booking(id: String) throws -> Booking? {
        try read { db in try BookingRecord.find(db, id: id)?.model() }
    }

    /// Confirmed bookings in the order they were made, then the waitlist in its order. Read from the
    /// store, so a provider's roster never waits for the booking loop.
    public func roster(courseId: String) async throws -> [RosterLine] {
        try await read { db in
            try Row.fetchAll(db, sql: Self.rosterSQL, arguments: [courseId])
                .map { RosterLine(bookingId: $0[0], name: $0[1], status: BookingStatus(rawValue: $0[2]) ?? .confirmed) }
        }
    }

    static let rosterSQL = """
        SELECT b.id, p.name, b.status FROM booking b JOIN participant p ON p.id = b.participantId
        WHERE b.courseId = ? AND b.status <> 'cancelled' AND p.erasedAt IS NULL
        ORDER BY b.status = 'waitlisted', b.waitlistSeq, b.createdAt, b.id
        """
}

/// One line of a course's roster: who holds a seat or waits for one, by name only.
public struct RosterLine: Sendable, Equatable {
    public let bookingId: String
    public let name: String
    public let status: BookingStatus
}
