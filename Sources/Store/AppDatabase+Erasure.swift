import GRDB

/// The part of an erasure that follows its commit: the large tables' rows about the person.
extension AppDatabase {
    /// Rows of the large tables handled per transaction: the booking engine's commits get the
    /// writer between chunks instead of waiting for a whole table's scan.
    static let erasureChunk: Int64 = 20_000

    /// Deletes the mail rows of the erased `participantIds` and unlinks the booking events from
    /// them (the events keep offer, kind and time), a chunk of rows per transaction. Returns the
    /// ids of the mail rows deleted, whose files go too.
    @discardableResult
    public func forgetErased(_ participantIds: [String]) async throws -> [Int64] {
        guard !participantIds.isEmpty else { return [] }
        let list = participantIds.map { _ in "?" }.joined(separator: ",")
        let (lastEvent, lastMail) = try await read { db in
            (try Int64.fetchOne(db, sql: "SELECT max(seq) FROM event") ?? 0, try Int64.fetchOne(db, sql: "SELECT max(id) FROM outbox") ?? 0)
        }
        var deleted: [Int64] = []
        for start in stride(from: Int64(0), through: lastMail, by: Int(Self.erasureChunk)) {
            deleted += try await write { db in
                try Int64.fetchAll(
                    db, sql: "DELETE FROM outbox WHERE id > ? AND id <= ? AND participantId IN (\(list)) RETURNING id",
                    arguments: StatementArguments([start, start + Self.erasureChunk]) + StatementArguments(participantIds))
            }
        }
        for start in stride(from: Int64(0), through: lastEvent, by: Int(Self.erasureChunk)) {
            try await write { db in
                try db.execute(
                    sql: "UPDATE event SET participantId = NULL, bookingId = NULL WHERE seq > ? AND seq <= ? AND participantId IN (\(list))",
                    arguments: StatementArguments([start, start + Self.erasureChunk]) + StatementArguments(participantIds))
            }
        }
        return deleted
    }

    /// Erased participants whose mail rows or event links are still there: an erasure the server
    /// stopped in the middle of. One pass over each large table (the erased ids become an
    /// ephemeral index), on a WAL reader; the retention run finishes them.
    public func erasedWithLeftovers() async throws -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT participantId FROM outbox WHERE participantId IN (SELECT id FROM participant WHERE erasedAt IS NOT NULL)
                UNION
                SELECT participantId FROM event WHERE participantId IN (SELECT id FROM participant WHERE erasedAt IS NOT NULL)
                """)
        }
    }
}
