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
    public let offer: OfferRef
    public var status: BookingStatus
    /// Order on the course's waitlist (first come, first served); set while waitlisted.
    public var waitlistSeq: Int64?
    /// Raised on every change, so calendar clients replace the entry they hold (RFC 5545 SEQUENCE).
    public var sequence: Int
    public let createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: String, participantId: String, offer: OfferRef, status: BookingStatus, waitlistSeq: Int64? = nil,
        sequence: Int = 0, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.participantId = participantId
        self.offer = offer
        self.status = status
        self.waitlistSeq = waitlistSeq
        self.sequence = sequence
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isActive: Bool { status != .cancelled }
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
