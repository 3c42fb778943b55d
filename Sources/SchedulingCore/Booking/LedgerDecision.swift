/// The ledger's answer to one command.
public enum LedgerDecision: Hashable, Sendable, Codable {
    /// A booking as it now stands; `waitlistPosition` (1-based) while it waits.
    case booking(Booking, waitlistPosition: Int?)
    case capacityChanged(courseId: String, capacity: Int, promoted: [Booking])
    /// A course took a `CourseChange`; `promoted` are the waiting bookings its new seats confirmed.
    case courseChanged(courseId: String, promoted: [Booking])
    case erased(participantId: String, cancelled: [Booking])
    /// A course is withdrawn; `cancelled` are the bookings it held.
    case courseWithdrawn(courseId: String, cancelled: [Booking])
    case allocated([Booking])
    case allocation(AllocationOutcome)
    /// A course, slot or participant is known now.
    case stored
    case rejected(LedgerRejection)

    /// Whether the command changed nothing.
    public var isRejection: Bool {
        if case .rejected = self { true } else { false }
    }
}

/// Why a command changed nothing. Each case says which rule or conflict stood in the way.
public enum LedgerRejection: Error, Hashable, Sendable, Codable {
    case unknownParticipant(String)
    case unknownOffer(OfferRef)
    case unknownBooking(String)
    /// The slot is taken by another booking.
    case slotTaken(slotId: String)
    /// The participant already holds an active booking for this offer.
    case alreadyBooked(bookingId: String)
    /// The participant may not take the offer; the rules that failed.
    case notEligible([EligibilityRule])
    /// A course cannot have fewer seats than it has confirmed.
    case capacityBelowConfirmed(confirmed: Int)
    case invalidCapacity(Int)
    /// The idempotency key was used before for a different request.
    case idempotencyKeyReused
    /// A participant may no longer change the booking themselves: the notice window began at
    /// `deadline`.
    case noticeWindowPassed(deadline: Timestamp)
    /// The booking changed since the person saw it (its `sequence` moved on): nothing was done.
    case bookingChanged(bookingId: String)
    /// The booking cannot move to that slot; the reason names the rule.
    case rescheduleRefused(reason: String)
    /// Something went on for the participant since the retention period's cutoff.
    case notIdle(participantId: String)
    /// Only a confirmed seat in a course can be released; the booking is not one.
    case notReleasable(bookingId: String)
    /// A placement does not fit: not eligible, no free seat, or an unknown id.
    case placementRejected(Placement, reason: String)
    /// A new course, slot or participant has an id that is taken already.
    case idTaken(String)
    /// The course began on `startDate`: its people keep their seats, so it cannot be withdrawn.
    case courseBegun(courseId: String, startDate: String)
}

/// What happened, for the audit trail and the outbox: one event per changed booking.
public struct LedgerEvent: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case confirmed = "booking.confirmed"
        case waitlisted = "booking.waitlisted"
        case promoted = "booking.promoted"
        case cancelled = "booking.cancelled"
        /// A counselling booking moved to another slot.
        case rescheduled = "booking.rescheduled"
        case capacityChanged = "course.capacityChanged"
    }

    public let kind: Kind
    /// The booking after the change; `nil` for course events.
    public let booking: Booking?
    public let courseId: String?
    public let capacity: Int?
    /// Whether the participant should be told (not after erasure: there is no one to tell).
    public let notify: Bool
    /// Why a provider released the seat, for the participant's mail.
    public let reason: String?

    public init(
        kind: Kind, booking: Booking?, courseId: String? = nil, capacity: Int? = nil, notify: Bool = true, reason: String? = nil
    ) {
        self.kind = kind
        self.reason = reason
        self.booking = booking
        self.courseId = courseId ?? (booking.flatMap { if case .course(let id) = $0.offer { id } else { nil } })
        self.capacity = capacity
        self.notify = notify
    }
}
