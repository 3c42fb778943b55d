extension Ledger {
    /// A participant's confirmed and waitlisted bookings, oldest first.
    public func activeBookings(participantId: String) -> [Booking] {
        (holdings[participantId]?.active.values).map { ids in
            ids.compactMap { bookings[$0] }.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        } ?? []
    }

    /// What eligibility and ranking need to know of a participant at `now`: the confirmed bookings' times.
    public func eligibilityContext(participantId: String, now: Timestamp) -> EligibilityContext {
        EligibilityContext(now: now, confirmed: holdings[participantId].map { Array($0.confirmed.values) } ?? [], zone: zone)
    }

    /// Seats still free: a course's capacity less its confirmed bookings, a slot's 1 or 0.
    public func freeSeats(_ offer: OfferRef) -> Int {
        switch offer {
        case .course(let id): seats[id].map { max(0, $0.capacity - $0.confirmed) } ?? 0
        case .slot(let id): slots[id] != nil && slotHolder[id] == nil ? 1 : 0
        }
    }

    /// Every course with its location, in id order.
    public var coursesWithLocations: [(course: Course, location: Location)] {
        courses.values.sorted { $0.course.id < $1.course.id }
    }

    /// Every slot with its location, in id order.
    public var slotsWithLocations: [(slot: Slot, location: Location)] {
        slots.values.sorted { $0.slot.id < $1.slot.id }
    }
}

extension Ledger {
    /// A course with the place it meets.
    public func courseWithLocation(id: String) -> (course: Course, location: Location)? {
        courses[id]
    }

    /// A slot with the place it is held.
    public func slotWithLocation(id: String) -> (slot: Slot, location: Location)? {
        slots[id]
    }
}

extension Ledger {
    /// The participants of an advice centre (everyone's for `nil`), by name then id.
    public func participants(centreId: String?) -> [Participant] {
        participants.values.filter { centreId == nil || $0.centreId == centreId }
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }
}
