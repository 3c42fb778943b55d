import GRDB
import SchedulingCore

/// What the retention period finds to delete (docs/data-protection.md, "Retention").
extension AppDatabase {
    /// Participants not erased for whom nothing is going on and nothing changed since `cutoff`:
    /// registered and consenting before it, every booking's last change before it, and every
    /// booking not cancelled for an offer over by then (a course that ended, an appointment that
    /// was). Found on the indexes of a participant's active and cancelled bookings.
    public func participantsPastRetention(cutoff: Timestamp, zone: CivilZone = .europeBerlin) async throws -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT p.id FROM participant p
                WHERE p.erasedAt IS NULL AND p.registeredAt < ?1 AND p.consentAt < ?1
                  AND NOT EXISTS (
                      SELECT 1 FROM booking b LEFT JOIN course c ON c.id = b.courseId LEFT JOIN slot s ON s.id = b.slotId
                      WHERE b.participantId = p.id AND b.status <> 'cancelled'
                        AND (b.updatedAt >= ?1 OR c.endDate >= ?2 OR s.startsAt + s.durationMinutes * 60 >= ?1))
                  AND NOT EXISTS (SELECT 1 FROM booking b WHERE b.participantId = p.id AND b.status = 'cancelled' AND b.updatedAt >= ?1)
                ORDER BY p.id
                """, arguments: [cutoff.secondsSinceEpoch, zone.local(cutoff).date.description])
        }
    }

    /// Idempotency answers first given before `cutoff`.
    public func idempotencyAnswerCount(before cutoff: Timestamp) async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM idempotencyKey WHERE createdAt < ?", arguments: [cutoff.secondsSinceEpoch]) ?? 0
        }
    }

    /// Finished mail rows (sent, failed, dropped) last tried before `cutoff` that still carry
    /// the server's answer, which may quote the address.
    public func finishedMailWithContent(before cutoff: Timestamp) async throws -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: Self.finishedMailWithContent + "SELECT COUNT(*) FROM finished", arguments: [cutoff.secondsSinceEpoch]) ?? 0
        }
    }

    /// Clears what finished mail rows last tried before `cutoff` said; returns how many.
    @discardableResult
    public func stripFinishedMail(before cutoff: Timestamp) async throws -> Int {
        try await write { db in
            try db.execute(
                sql: Self.finishedMailWithContent + "UPDATE outbox SET lastError = NULL WHERE id IN (SELECT id FROM finished)",
                arguments: [cutoff.secondsSinceEpoch])
            return db.changesCount
        }
    }

    private static let finishedMailWithContent = """
        WITH finished AS (SELECT id FROM outbox
            WHERE status <> 'pending' AND lastError IS NOT NULL AND coalesce(sentAt, nextAttemptAt) < ?1)
        """

    /// Which of `outboxIds` still name a mail row of a participant not erased.
    public func liveMailIds(among outboxIds: [Int64]) async throws -> Set<Int64> {
        try await read { db in
            var live = Set<Int64>()
            for chunk in stride(from: 0, to: outboxIds.count, by: 500).map({ outboxIds[$0..<min($0 + 500, outboxIds.count)] }) {
                let list = chunk.map { _ in "?" }.joined(separator: ",")
                live.formUnion(try Int64.fetchAll(db, sql: """
                    SELECT o.id FROM outbox o JOIN participant p ON p.id = o.participantId
                    WHERE o.id IN (\(list)) AND p.erasedAt IS NULL
                    """, arguments: StatementArguments(Array(chunk))))
            }
            return live
        }
    }
}
