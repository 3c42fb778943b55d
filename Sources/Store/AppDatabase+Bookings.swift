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
                .map {
                    RosterLine(
                        bookingId: $0[0], name: $0[1], status: BookingStatus(rawValue: $0[2]) ?? .confirmed, atRisk: $0[3],
                        participantId: $0[4])
                }
        }
    }

    static let rosterSQL = """
        SELECT b.id, p.name, b.status, b.atRiskSince IS NOT NULL, b.participantId FROM booking b JOIN participant p ON p.id = b.participantId
        WHERE b.courseId = ? AND b.status <> 'cancelled' AND p.erasedAt IS NULL
        ORDER BY b.status = 'waitlisted', b.waitlistSeq, b.createdAt, b.id
        """
}

/// One line of a course's roster: who holds a seat or waits for one, by name only.
public struct RosterLine: Sendable, Equatable {
    public let bookingId: String
    public let name: String
    public let status: BookingStatus
    /// Its absences broke the no-show rule: the provider may release the seat.
    public let atRisk: Bool
    /// For the audit trail, which notes whose names were shown.
    public let participantId: String
}

/// A booking on a course's attendance list: confirmed now, or marked at some session before it
/// ended. The name is `nil` once the participant is erased; their marks still count.
public struct AttendanceRosterLine: Sendable, Equatable {
    public let bookingId: String
    public let name: String?
    public let status: BookingStatus
    public let atRisk: Bool
    public let participantId: String
}

extension AppDatabase {
    /// The bookings a course's attendance lists, in the order they were made.
    public func attendanceRoster(courseId: String) async throws -> [AttendanceRosterLine] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT b.id, CASE WHEN p.erasedAt IS NULL THEN p.name END, b.status, b.atRiskSince IS NOT NULL, b.participantId
                FROM booking b JOIN participant p ON p.id = b.participantId
                WHERE b.courseId = ?1 AND (b.status = 'confirmed'
                    OR EXISTS (SELECT 1 FROM attendanceMark m WHERE m.bookingId = b.id)
                    OR EXISTS (SELECT 1 FROM attendanceCorrection c WHERE c.bookingId = b.id AND c.courseId = ?1))
                ORDER BY b.createdAt, b.id
                """, arguments: [courseId]).map {
                AttendanceRosterLine(
                    bookingId: $0[0], name: $0[1], status: try decode(BookingStatus.self, $0[2], column: "booking.status"), atRisk: $0[3],
                    participantId: $0[4])
            }
        }
    }
}
