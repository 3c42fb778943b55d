import GRDB

/// A row of `audit`: who did or read what about whom, when, and from where. It names people by
/// id only; the personal data itself is never copied here.
public struct AuditEntry: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "audit"

    /// Set by SQLite on insert.
    public var id: Int64?
    /// Seconds since 1970.
    public var at: Int64
    /// The acting organisation; `nil` for an unknown caller or the server itself (retention).
    public var organisationId: String?
    /// The acting person, once staff have personal accounts; `participant` for someone acting
    /// through their personal link, `system:retention` for the retention period.
    public var person: String?
    /// What happened, as `thing.verb`: `participant.read`, `booking.created`, `signin.failed`, …
    public var action: String
    /// Whom it was about.
    public var participantId: String?
    /// What else it concerned: a booking, course or path.
    public var subject: String?
    /// The client's IP address (`local` in-process).
    public var address: String

    public init(
        at: Int64, organisationId: String?, person: String? = nil, action: String, participantId: String? = nil,
        subject: String? = nil, address: String
    ) {
        self.at = at
        self.organisationId = organisationId
        self.person = person
        self.action = action
        self.participantId = participantId
        self.subject = subject
        self.address = address
    }
}
