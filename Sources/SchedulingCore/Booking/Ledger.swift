/// The booking ledger: a pure state machine. State + command → decision + events.
///
/// It knows the offers and people that bookings refer to, every booking, the seats of each course
/// with its first-come-first-served waitlist, and the idempotency keys seen. It never reads a clock
/// or makes an id: both come in with the command. One owner (the booking engine) applies commands
/// one at a time, which is what makes overbooking impossible.
public struct Ledger: Sendable {
    struct Seats: Sendable {
        var capacity: Int
        var confirmed = 0
        /// Waiting booking ids, first in line first.
        var waitlist: [String] = []
    }

    struct Replay: Sendable {
        let request: BookingRequest
        let decision: LedgerDecision
        /// When it was first decided: answers are kept for `Ledger.replayLifetime`.
        let at: Timestamp
    }

    /// How long an idempotency key answers as the first time: long enough for any client's retry.
    public static let replayLifetime: Int64 = 48 * 3600

    public let zone: CivilZone
    var courses: [String: (course: Course, location: Location)] = [:]
    var slots: [String: (slot: Slot, location: Location)] = [:]
    /// The places offers are held at, as last put.
    var places: [String: Location] = [:]
    var participants: [String: Participant] = [:]
    var bookings: [String: Booking] = [:]
    var seats: [String: Seats] = [:]
    var slotHolder: [String: String] = [:]
    /// What each participant holds, kept in step with `bookings` by `store`.
    var holdings: [String: Holdings] = [:]
    var replays: [IdempotencyKey: Replay] = [:]
    var schedules: [OfferRef: Schedule] = [:]
    var nextWaitlistSeq: Int64 = 1
    var localNow: (instant: Timestamp, local: LocalDateTime)?

    public init(zone: CivilZone = .europeBerlin) {
        self.zone = zone
    }

    /// Applies one command at `now`.
    public mutating func apply(_ command: LedgerCommand, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        switch command {
        case .book(let request): return book(request, now: now)
        case .cancel(let id, let by, let expected):
            if let expected, let booking = bookings[id], booking.isActive, booking.sequence != expected {
                return (.rejected(.bookingChanged(bookingId: id)), [])
            }
            return cancel(bookingId: id, by: by, now: now)
        case .reschedule(let id, let slotId, let expected):
            if let expected, let booking = bookings[id], booking.sequence != expected {
                return (.rejected(.bookingChanged(bookingId: id)), [])
            }
            return reschedule(bookingId: id, toSlot: slotId, now: now)
        case .release(let id, let reason): return release(bookingId: id, reason: reason, now: now)
        case .changeCapacity(let courseId, let capacity): return changeCapacity(courseId: courseId, to: capacity, now: now)
        case .changeCourse(let change): return self.change(change, now: now)
        case .withdrawCourse(let id): return withdraw(courseId: id, now: now)
        case .eraseParticipant(let id): return erase(participantId: id, now: now)
        case .eraseIdleParticipant(let id, let cutoff): return erase(participantId: id, ifIdleSince: cutoff, now: now)
        case .applyAllocation(let placements, let ids): return allocate(placements, bookingIds: ids, now: now)
        case .allocate(let request): return allocate(request, now: now)
        case .putCourse(let course, let location): put(course, at: location)
        case .putSlot(let slot, let location): put(slot, at: location)
        case .putOffers(let courses, let slots): return putOffers(courses: courses, slots: slots)
        case .putParticipants(let people): return putParticipants(people)
        case .removeSlot(let id): return remove(slotId: id)
        case .putParticipant(let participant): participants[participant.id] = participant
        case .putLocation(let location): put(location)
        case .forgetReplays(let before): replays = replays.filter { $0.value.at >= before }
        }
        return (.stored, [])
    }

    // MARK: Reading

    public func booking(id: String) -> Booking? { bookings[id] }
    public func participant(id: String) -> Participant? { participants[id] }
    public func course(id: String) -> Course? { courses[id]?.course }
    public func slot(id: String) -> Slot? { slots[id]?.slot }

    /// Seats taken, seats and the length of the waitlist of a course.
    public func occupancy(courseId: String) -> (confirmed: Int, capacity: Int, waitlisted: Int)? {
        catalogue.occupancy(courseId: courseId)
    }

    /// The 1-based place of a waiting booking in its course's line.
    public func waitlistPosition(bookingId: String) -> Int? {
        guard let booking = bookings[bookingId], booking.status == .waitlisted,
              case .course(let courseId) = booking.offer else { return nil }
        return seats[courseId]?.waitlist.firstIndex(of: bookingId).map { $0 + 1 }
    }

    /// Waiting booking ids of a course, first in line first.
    public func waitlist(courseId: String) -> [String] {
        seats[courseId]?.waitlist ?? []
    }

    public var allBookings: Dictionary<String, Booking>.Values { bookings.values }

    /// Records a booking's new state; the one place where a participant's holdings change.
    mutating func store(_ booking: Booking) {
        bookings[booking.id] = booking
        hold(booking)
    }

    mutating func hold(_ booking: Booking) {
        let offer = booking.offer
        noteChange(booking)
        switch booking.status {
        case .cancelled:
            holdings[booking.participantId]?.active[offer] = nil
            holdings[booking.participantId]?.confirmed[offer] = nil
        case .waitlisted:
            holdings[booking.participantId, default: Holdings()].active[offer] = booking.id
        case .confirmed:
            holdings[booking.participantId, default: Holdings()].active[offer] = booking.id
            holdings[booking.participantId, default: Holdings()].confirmed[offer] = schedules[offer]
        }
    }

    mutating func noteChange(_ booking: Booking) {
        holdings[booking.participantId, default: Holdings()].noteChange(at: booking.updatedAt)
    }

    mutating func forget(participantId: String) {
        participants[participantId] = nil
        holdings[participantId] = nil
        replays = replays.filter { $0.value.request.participantId != participantId }
    }
}

/// A participant's active bookings by offer, and the schedules of the confirmed ones: answers
/// "already booked?" and "does it clash?" without walking their bookings.
struct Holdings: Sendable {
    var active: [OfferRef: String] = [:]
    var confirmed: [OfferRef: Schedule] = [:]
    /// The latest change to any of their bookings, cancelled ones included: the retention period
    /// counts from it.
    var lastChange = Timestamp(secondsSinceEpoch: 0)

    mutating func noteChange(at time: Timestamp) {
        if time > lastChange { lastChange = time }
    }
}
