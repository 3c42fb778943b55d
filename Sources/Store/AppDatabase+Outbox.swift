import GRDB
import SchedulingCore

extension AppDatabase {
    /// Pending mails whose time has come, oldest first. A row stays pending until it is marked,
    /// so mails claimed before a crash are simply found again after the restart.
    public func dueMail(now: Timestamp, limit: Int = 100) throws -> [OutboxEntry] {
        try read { db in
            try OutboxEntry
                .filter(Column("status") == OutboxEntry.Status.pending.rawValue && Column("nextAttemptAt") <= now.secondsSinceEpoch)
                .order(Column("nextAttemptAt"), Column("id"))
                .limit(limit)
                .fetchAll(db)
        }
    }

    /// The mail went out.
    public func markSent(_ id: Int64, now: Timestamp) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sentAt = ?, lastError = NULL WHERE id = ? AND status = 'pending'",
                arguments: [now.secondsSinceEpoch, id])
        }
    }

    /// The mail could not go out now; it is tried again at `retryAt`.
    public func markRetry(_ id: Int64, error: String, retryAt: Timestamp) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, lastError = ?, nextAttemptAt = ? WHERE id = ? AND status = 'pending'",
                arguments: [error, retryAt.secondsSinceEpoch, id])
        }
    }

    /// The server refused the mail for good (a 5xx reply); it stays visible with the reply.
    public func markFailed(_ id: Int64, error: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE outbox SET status = 'failed', attempts = attempts + 1, lastError = ? WHERE id = ? AND status = 'pending'",
                arguments: [error, id])
        }
    }

    /// Mails by status (all when `nil`), newest first, for `GET /v1/notifications`.
    public func mail(status: OutboxEntry.Status?, limit: Int = 1000) throws -> [OutboxEntry] {
        try read { db in
            var request = OutboxEntry.all()
            if let status { request = request.filter(Column("status") == status.rawValue) }
            return try request.order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }
}
