import SchedulingCore

/// What one batch of ledger decisions changed, to be written in one transaction.
public struct LedgerChanges: Sendable {
    public private(set) var events: [LedgerEvent] = []
    public private(set) var replays: [(key: IdempotencyKey, request: BookingRequest, decision: LedgerDecision)] = []
    public private(set) var erasedParticipants: [String] = []
    /// Idempotency answers first given before this time are to be deleted.
    public private(set) var replaysExpireBefore: Timestamp?
    public private(set) var courses: [Course] = []
    /// Changes to stored courses, in the order decided; capacities travel as events.
    public private(set) var courseChanges: [CourseChange] = []
    /// Courses taken off the catalogue; their bookings' cancellations travel as events.
    public private(set) var withdrawnCourses: [String] = []
    /// Free slots taken off the catalogue.
    public private(set) var removedSlots: [String] = []
    public private(set) var slots: [Slot] = []
    /// Places that offers of this batch are held at: stored when missing, never overwritten (the
    /// copy a command carries may be older than a change decided before it).
    public private(set) var locations: [Location] = []
    /// Places changed (`putLocation`): written over the stored ones.
    public private(set) var changedLocations: [Location] = []
    public private(set) var participants: [Participant] = []
    /// Commands decided in this batch.
    public private(set) var commandCount = 0

    public init() {}

    /// Whether the batch queued mail for the notifier.
    public var queuedMail: Bool {
        events.contains { $0.notify && $0.booking != nil }
    }

    public var isEmpty: Bool {
        events.isEmpty && replays.isEmpty && erasedParticipants.isEmpty && replaysExpireBefore == nil && courses.isEmpty && courseChanges.isEmpty
            && slots.isEmpty && participants.isEmpty && locations.isEmpty && changedLocations.isEmpty && withdrawnCourses.isEmpty
            && removedSlots.isEmpty
    }

    /// Adds what `command` decided.
    public mutating func record(_ command: LedgerCommand, _ decision: LedgerDecision, _ events: [LedgerEvent]) {
        commandCount += 1
        // Every booking change has its event, which carries the booking after it.
        self.events += events
        switch command {
        case .book(let request):
            if let key = request.idempotencyKey, !decision.isRejection {
                replays.append((key, request, decision))
            }
        case .eraseParticipant(let id), .eraseIdleParticipant(let id, _):
            if case .erased = decision { erasedParticipants.append(id) }
        case .changeCourse(let change):
            if case .courseChanged = decision { courseChanges.append(change) }
        case .withdrawCourse(let id):
            if case .courseWithdrawn = decision { withdrawnCourses.append(id) }
        case .putCourse(let course, let location):
            courses.append(course)
            locations.append(location)
        case .putSlot(let slot, let location):
            slots.append(slot)
            locations.append(location)
        case .putOffers(let newCourses, let newSlots):
            guard !decision.isRejection else { break }
            courses += newCourses.map(\.0)
            slots += newSlots.map(\.0)
            locations += newCourses.map(\.1) + newSlots.map(\.1)
        case .putParticipants(let people):
            guard !decision.isRejection else { break }
            participants += people
        case .removeSlot(let id):
            if !decision.isRejection { removedSlots.append(id) }
        case .putParticipant(let participant):
            participants.append(participant)
        case .putLocation(let location):
            changedLocations.append(location)
        case .forgetReplays(let before):
            replaysExpireBefore = max(replaysExpireBefore ?? before, before)
        case .cancel, .reschedule, .release, .changeCapacity, .applyAllocation, .allocate:
            break
        }
    }
}
