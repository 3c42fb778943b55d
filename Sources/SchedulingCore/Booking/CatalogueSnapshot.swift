/// What readers need of the offers as of one durable commit: every course and slot with its
/// place and schedule, the seats of each course, and which slots are taken.
///
/// Immutable. The booking engine takes one from its ledger with each batch it decides and
/// publishes it once that batch is on disk, so readers never wait for (or run on) the engine and
/// never see a decision before it is durable. Taking one copies nothing: it shares the ledger's
/// storage, and only the next change to the seats or the slots copies those two tables (about a
/// thousand entries) — never the bookings or the people, which readers get from the database.
public struct CatalogueSnapshot: Sendable {
    public let zone: CivilZone
    private let courses: [String: (course: Course, location: Location)]
    private let slots: [String: (slot: Slot, location: Location)]
    private let seats: [String: Ledger.Seats]
    private let slotHolder: [String: String]
    private let schedules: [OfferRef: Schedule]

    /// An empty catalogue, for a ledger that knows no offers yet.
    public init(zone: CivilZone = .europeBerlin) {
        self.init(Ledger(zone: zone))
    }

    init(_ ledger: Ledger) {
        zone = ledger.zone
        courses = ledger.courses
        slots = ledger.slots
        seats = ledger.seats
        slotHolder = ledger.slotHolder
        schedules = ledger.schedules
    }

    public func course(id: String) -> Course? { courses[id]?.course }
    public func slot(id: String) -> Slot? { slots[id]?.slot }

    /// A course with the place it meets.
    public func courseWithLocation(id: String) -> (course: Course, location: Location)? { courses[id] }

    /// A slot with the place it is held.
    public func slotWithLocation(id: String) -> (slot: Slot, location: Location)? { slots[id] }

    /// Every course with its location, in id order.
    public var coursesWithLocations: [(course: Course, location: Location)] {
        courses.values.sorted { $0.course.id < $1.course.id }
    }

    /// Every slot with its location, in id order.
    public var slotsWithLocations: [(slot: Slot, location: Location)] {
        slots.values.sorted { $0.slot.id < $1.slot.id }
    }

    /// Seats taken, seats and the length of the waitlist of a course.
    public func occupancy(courseId: String) -> (confirmed: Int, capacity: Int, waitlisted: Int)? {
        seats[courseId].map { ($0.confirmed, $0.capacity, $0.waitlist.count) }
    }

    /// Seats still free: a course's capacity less its confirmed bookings, a slot's 1 or 0.
    public func freeSeats(_ offer: OfferRef) -> Int {
        switch offer {
        case .course(let id): seats[id].map { max(0, $0.capacity - $0.confirmed) } ?? 0
        case .slot(let id): slots[id] != nil && slotHolder[id] == nil ? 1 : 0
        }
    }

    /// What eligibility and ranking need to know of a participant whose confirmed bookings are
    /// for `confirmedOffers`, at `now`.
    public func eligibilityContext(confirmedOffers: some Sequence<OfferRef>, now: Timestamp) -> EligibilityContext {
        EligibilityContext(now: now, confirmed: confirmedOffers.compactMap { schedules[$0] }, zone: zone)
    }
}

extension Ledger {
    /// The catalogue as this ledger has it now.
    public var catalogue: CatalogueSnapshot { CatalogueSnapshot(self) }
}
