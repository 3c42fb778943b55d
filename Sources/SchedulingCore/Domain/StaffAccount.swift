/// A person who works for an organisation and signs in to its pages with their own password.
public struct StaffAccount: Hashable, Sendable {
    public let id: String
    public let organisationId: String
    /// What they sign in with; unique across the city, compared without regard to case.
    public let email: String
    public let name: String
    public let role: StaffRole

    public init(id: String, organisationId: String, email: String, name: String, role: StaffRole) {
        self.id = id
        self.organisationId = organisationId
        self.email = email
        self.name = name
        self.role = role
    }
}

/// What a staff member may do inside their organisation.
public enum StaffRole: String, Sendable, CaseIterable {
    /// Everything staff do, and inviting colleagues and managing the organisation's API tokens.
    case admin
    /// The organisation's daily work: participants, bookings, courses, attendance.
    case staff
}

/// An integration's bearer token as it is listed: never the token itself, which is shown once.
public struct APITokenInfo: Hashable, Sendable {
    public let id: String
    public let organisationId: String
    public let name: String
    public let createdAt: Timestamp
    /// `nil`: valid until revoked (only tokens made by `wegweiser org create` without `--expires`).
    public let expiresAt: Timestamp?

    public init(id: String, organisationId: String, name: String, createdAt: Timestamp, expiresAt: Timestamp?) {
        self.id = id
        self.organisationId = organisationId
        self.name = name
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
