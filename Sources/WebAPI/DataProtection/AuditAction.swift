import SchedulingCore

/// What an audit entry says happened. Reads are of personal data; changes are of anything about
/// a participant; the last three are about access itself.
public enum AuditAction: String, Sendable, CaseIterable {
    case participantCreated = "participant.created"
    case participantRead = "participant.read"
    case participantListed = "participant.listed"
    case participantErased = "participant.erased"
    case matchesRead = "matches.read"
    case bookingCreated = "booking.created"
    case bookingRead = "booking.read"
    case bookingCancelled = "booking.cancelled"
    case bookingRescheduled = "booking.rescheduled"
    case bookingReleased = "booking.released"
    /// A provider withdrew a course before it began: once per person whose booking it cancelled.
    case courseWithdrawn = "course.withdrawn"
    case outcomeRecorded = "booking.outcome"
    case rosterRead = "roster.read"
    case attendanceRecorded = "attendance.recorded"
    case attendanceCorrected = "attendance.corrected"
    case attendanceSignedOff = "attendance.signedOff"
    case attendanceRead = "attendance.read"
    case mailListed = "mail.listed"
    case auditRead = "audit.read"
    case signInFailed = "signin.failed"
    case signInThrottled = "signin.throttled"
    case signedIn = "signin.succeeded"
    case signedOutEverywhere = "signin.signedOutEverywhere"
    case invitationCreated = "account.invited"
    case accountCreated = "account.created"
    case accountRemoved = "account.removed"
    case tokenCreated = "token.created"
    case tokenRevoked = "token.revoked"
    case unauthorized = "request.unauthorized"
    case forbidden = "request.forbidden"
}

/// Who acted, and from which address.
public struct AuditActor: Sendable, Equatable {
    public let organisationId: String?
    public let person: String?
    public let address: String

    public init(organisationId: String?, person: String? = nil, address: String) {
        self.organisationId = organisationId
        self.person = person
        self.address = address
    }

    /// The server itself, applying the retention period.
    public static let retention = AuditActor(organisationId: nil, person: "system:retention", address: "local")
}
