/// Everything that can change seats, bookings or what the ledger knows of offers and people.
public enum LedgerCommand: Sendable {
    /// Book `participantId` into `offer` under the new id `bookingId`.
    case book(BookingRequest)
    /// Cancel a booking on behalf of `by`; a participant only before the offer's notice window.
    /// With `ifSequence`, only while the booking is still as it was shown (its `sequence`).
    case cancel(bookingId: String, by: Canceller, ifSequence: Int? = nil)
    /// Move a participant's counselling booking to another free slot of the same service and
    /// centre, keeping its id: the new slot is taken and the old one freed together; with
    /// `ifSequence`, only while the booking is still as it was shown.
    case reschedule(bookingId: String, toSlot: String, ifSequence: Int? = nil)
    /// The course's provider gives a confirmed seat up for the waiting list (after no-shows);
    /// `reason` goes to the participant with the cancellation.
    case release(bookingId: String, reason: String)
    case changeCapacity(courseId: String, capacity: Int)
    /// Change a published course's capacity (by the rule of `changeCapacity`), title and
    /// childcare at once, or nothing of it.
    case changeCourse(CourseChange)
    /// Take a course that has not begun off the catalogue: every booking of it is cancelled (the
    /// waiting first, so no one is promoted into it), each participant told by mail.
    case withdrawCourse(courseId: String)
    /// Cancel every active booking of the participant and forget them.
    case eraseParticipant(participantId: String)
    /// The same, only if nothing went on for them since `idleSince` (the retention period): no
    /// registration, consent or booking change since, and every booking they hold is for an
    /// offer over by then. Decided with the bookings as they are, so nobody who booked a moment
    /// ago is erased.
    case eraseIdleParticipant(participantId: String, idleSince: Timestamp)
    /// Place participants into courses as a batch allocation decided; `bookingIds` has one fresh
    /// id per placement, used where a placement needs a new booking.
    case applyAllocation(placements: [Placement], bookingIds: [String])
    /// Solve a batch allocation on the current state and book it (or only propose it).
    case allocate(AllocationRequest)
    /// Make a course, slot or participant known (or replace it whole); seats are kept.
    case putCourse(Course, at: Location)
    case putSlot(Slot, at: Location)
    /// Many courses and slots at once (a series of counselling hours, an uploaded spreadsheet):
    /// all of them or none.
    case putOffers(courses: [(Course, Location)], slots: [(Slot, Location)])
    /// Many participants at once (an uploaded spreadsheet).
    case putParticipants([Participant])
    /// Take a free slot off the catalogue; a booked one is refused (cancel its booking first).
    case removeSlot(slotId: String)
    case putParticipant(Participant)
    /// A changed place: every course and slot held there follows it.
    case putLocation(Location)
    /// Forget the answers to idempotency keys first used before the given time.
    case forgetReplays(before: Timestamp)
}

/// One booking wish.
public struct BookingRequest: Hashable, Sendable, Codable {
    public let bookingId: String
    public let participantId: String
    public let offer: OfferRef
    public let idempotencyKey: IdempotencyKey?
    /// The advice centre booking for the participant: someone registered by another centre is
    /// unknown to it. `nil` (an administrator, an import) books anyone.
    public let centreId: String?

    public init(
        bookingId: String, participantId: String, offer: OfferRef, idempotencyKey: IdempotencyKey? = nil, centreId: String? = nil
    ) {
        self.bookingId = bookingId
        self.participantId = participantId
        self.offer = offer
        self.idempotencyKey = idempotencyKey
        self.centreId = centreId
    }
}

/// One participant placed in one course by an allocation.
public struct Placement: Hashable, Sendable, Codable {
    public let participantId: String
    public let courseId: String

    public init(participantId: String, courseId: String) {
        self.participantId = participantId
        self.courseId = courseId
    }
}
