import GRDB
import SchedulingCore

/// A row of `outbox`: one mail to send about one booking change.
public struct OutboxEntry: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "outbox"

    /// Where a mail stands: waiting (also between retries), delivered, given up, or dropped
    /// because the participant was erased before it went out.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case pending, sent, failed, dropped
    }

    public var id: Int64
    public var bookingId: String
    public var participantId: String
    /// `confirmed`, `waitlisted`, `promoted` or `cancelled`.
    public var kind: String
    public var status: Status
    public var attempts: Int
    /// Seconds since 1970 before which the row is not tried again.
    public var nextAttemptAt: Int64
    public var lastError: String?
    public var createdAt: Int64
    public var sentAt: Int64?
}
