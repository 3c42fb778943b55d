import GRDB
import SchedulingCore

/// A booking as a reader sees it: with its place in the waiting line, and whose it is.
public struct BookingLine: Sendable, Equatable {
    public let booking: Booking
    /// 1-based, for a waitlisted booking.
    public let waitlistPosition: Int?
    /// The advice centre that registered the participant; nil once the participant is erased.
    public let centreId: String?
    /// A confirmed course booking whose absences broke the no-show rule.
    public var atRisk: Bool = false
    /// The participant agreed that their centre hears how they attend: only then does the centre
    /// see `atRisk`.
    public var attendanceShared: Bool = false
    /// For a counselling booking: whether the participant came, once the centre said.
    public var attended: Bool? = nil
}

/// Reads about people and their bookings, on WAL readers: the booking engine keeps no copy of
/// them for readers, so these never wait for it and see exactly what is durable.
extension AppDatabase {
    /// A participant who has not been erased.
    public func participant(id: String) async throws -> Participant? {
        try await read { db in try ParticipantRecord.findPresent(db, id: id)?.model() }
    }

    /// The centre of an erased participant (their tombstone keeps it); `nil` for anyone else.
    public func erasedParticipantCentre(id: String) async throws -> String? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT centreId FROM participant WHERE id = ? AND erasedAt IS NOT NULL", arguments: [id])
        }
    }

    /// The participants of an advice centre (everyone's for `nil`), by name then id.
    public func participants(centreId: String?) async throws -> [Participant] {
        try await read { db in
            var request = ParticipantRecord.filter(Column("erasedAt") == nil)
            if let centreId { request = request.filter(Column("centreId") == centreId) }
            return try request.order(Column("name"), Column("id")).fetchAll(db).map { try $0.model() }
        }
    }

    /// A participant's confirmed and waitlisted bookings, oldest first.
    public func activeBookings(participantId: String) async throws -> [BookingLine] {
        try await read { db in
            try Self.bookingLines(db, where: Self.activeOfParticipant, participantId)
                .sorted { ($0.booking.createdAt, $0.booking.id) < ($1.booking.createdAt, $1.booking.id) }
        }
    }

    /// A participant's cancelled bookings, latest change first, for their centre's page.
    public func cancelledBookings(participantId: String, limit: Int = 20) async throws -> [Booking] {
        try await read { db in
            try BookingRecord.fetchAll(db, sql: """
                SELECT * FROM booking WHERE participantId = ? AND status = 'cancelled' ORDER BY updatedAt DESC, id LIMIT ?
                """, arguments: [participantId, limit]).map { try $0.model() }
        }
    }

    /// One booking, whatever its status.
    public func bookingLine(id: String) async throws -> BookingLine? {
        try await read { db in try Self.bookingLines(db, where: "b.id = ?", id).first }
    }

    /// The whole ledger as the disk has it, read in one snapshot: for allocation previews, which
    /// must not run on the booking engine.
    public func loadLedger(zone: CivilZone = .europeBerlin) async throws -> Ledger {
        try await read { db in try Self.ledger(db, zone: zone) }
    }

    /// Says `status <> 'cancelled'` as the partial indexes of `v3-booking-integrity` do.
    static let activeOfParticipant = "b.participantId = ? AND b.status <> 'cancelled'"

    /// A waitlisted booking's position counts the bookings waiting before it on the same course,
    /// on the roster index (whose partial condition the subquery repeats so SQLite may use it).
    static func bookingLinesSQL(where condition: String) -> String {
        """
            SELECT b.*, CASE WHEN p.erasedAt IS NULL THEN p.centreId END AS owner, p.attendanceConsent AS shared,
                   CASE WHEN b.status = 'waitlisted' THEN (
                       SELECT COUNT(*) FROM booking w
                       WHERE w.courseId = b.courseId AND w.courseId IS NOT NULL AND w.status <> 'cancelled'
                         AND w.status = 'waitlisted' AND w.waitlistSeq <= b.waitlistSeq)
                   END AS position
            FROM booking b JOIN participant p ON p.id = b.participantId
            WHERE \(condition)
            """
    }

    static func bookingLines(_ db: Database, where condition: String, _ argument: String) throws -> [BookingLine] {
        try bookingLines(db, where: condition, arguments: [argument])
    }

    static func bookingLines(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [BookingLine] {
        try Row.fetchAll(db, sql: bookingLinesSQL(where: condition), arguments: arguments).map { row in
            let record = try BookingRecord(row: row)
            return BookingLine(
                booking: try record.model(), waitlistPosition: row["position"], centreId: row["owner"],
                atRisk: record.atRiskSince != nil, attendanceShared: row["shared"], attended: record.attended)
        }
    }
}
