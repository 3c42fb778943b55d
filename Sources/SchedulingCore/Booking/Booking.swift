/// What a booking is for: a seat in a course, or one counselling slot.
public enum OfferRef: Hashable, Sendable, Codable, CustomStringConvertible {
    case course(String)
    case slot(String)

    public var id: String {
        switch self {
        case .course(let id), .slot(let id): id
        }
    }

    public var description: String {
        switch self {
        case .course(let id): "course \(id)"
        case .slot(let id): "slot \(id)"
        }
    }
}

/// Where a booking stands.
public enum BookingStatus: String, CaseIterable, Sendable, Codable {
    case confirmed, waitlisted, cancelled
}

/// A participant's booking of an offer, as the ledger holds it.
public struct Booking: Hashable, Sendable, Codable {
    public let id: String
    public let participantId: String
    /// A counselling booking moves to another slot of the same service (`reschedule`).
    public var offer: OfferRef
    public var status: BookingStatus
    /// Order on the course's waitlist (first come, first served); set while waitlisted.
    public var waitlistSeq: Int64?
    /// Raised on every change, so calendar clients replace the entry they hold (RFC 5545 SEQUENCE).
    public var sequence: Int
    /// Who cancelled it; set once the booking is cancelled.
    public var cancelledBy: Canceller?
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, participantId: String, offer: OfferRef, status: BookingStatus, waitlistSeq: Int64? = nil,
        sequence: Int = 0, cancelledBy: Canceller? = nil, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.participantId = participantId
        self.offer = offer
        self.status = status
        self.waitlistSeq = waitlistSeq
        self.sequence = sequence
        self.cancelledBy = cancelledBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isActive: Bool { status != .cancelled }
}

/// Who cancelled a booking. The centre sees it; the notice window before an offer binds only the
/// participant, who can still call their centre inside it.
public enum Canceller: String, CaseIterable, Sendable, Codable {
    /// Through their personal link.
    case participant
    /// Their advice centre (or an administrator).
    case centre
    /// The course's provider.
    case provider
    /// Wegweiser itself: an erasure, or an allocation that placed the person elsewhere.
    case system
}

/// An idempotency key as a client sent it, scoped to the organisation that sent it.
public struct IdempotencyKey: Hashable, Sendable, Codable {
    public let organisationId: String
    public let key: String

    public init(organisationId: String, key: String) {
        self.organisationId = organisationId
        self.key = key
    }
}
