extension Ledger {
    /// A place as the ledger knows it: a command may carry a copy read before a `putLocation`
    /// changed it, and the ledger's own stays.
    func place(_ location: Location) -> Location {
        places[location.id] ?? location
    }

    mutating func put(_ course: Course, at location: Location) {
        let location = place(location)
        places[location.id] = location
        courses[course.id] = (course, location)
        schedules[.course(course.id)] = course.schedule
        if seats[course.id] == nil {
            seats[course.id] = Seats(capacity: course.capacity)
        }
    }

    mutating func put(_ slot: Slot, at location: Location) {
        let location = place(location)
        places[location.id] = location
        slots[slot.id] = (slot, location)
        schedules[.slot(slot.id)] = slot.schedule(in: zone)
    }

    /// Removes a slot nobody holds.
    mutating func remove(slotId: String) -> (LedgerDecision, [LedgerEvent]) {
        guard slots[slotId] != nil else { return (.rejected(.unknownOffer(.slot(slotId))), []) }
        if slotHolder[slotId] != nil { return (.rejected(.slotTaken(slotId: slotId)), []) }
        slots[slotId] = nil
        schedules[.slot(slotId)] = nil
        return (.stored, [])
    }

    /// Many new offers at once, refused whole when any id is known already (two uploads with the
    /// same ids, decided one after the other: the second must not replace the first's).
    mutating func putOffers(courses newCourses: [(Course, Location)], slots newSlots: [(Slot, Location)]) -> (LedgerDecision, [LedgerEvent]) {
        if let taken = newCourses.first(where: { courses[$0.0.id] != nil })?.0.id ?? newSlots.first(where: { slots[$0.0.id] != nil })?.0.id {
            return (.rejected(.idTaken(taken)), [])
        }
        for (course, location) in newCourses { put(course, at: location) }
        for (slot, location) in newSlots { put(slot, at: location) }
        return (.stored, [])
    }

    /// Many new participants at once, refused whole when any id is known already.
    mutating func putParticipants(_ people: [Participant]) -> (LedgerDecision, [LedgerEvent]) {
        if let taken = people.first(where: { participants[$0.id] != nil }) { return (.rejected(.idTaken(taken.id)), []) }
        for person in people { participants[person.id] = person }
        return (.stored, [])
    }

    mutating func put(_ location: Location) {
        places[location.id] = location
        for (id, entry) in courses where entry.location.id == location.id { courses[id]?.location = location }
        for (id, entry) in slots where entry.location.id == location.id { slots[id]?.location = location }
    }

    /// Rebuilds a ledger from stored state: the catalogue, then every booking in the order it
    /// was made (waitlists are ordered by `waitlistSeq`), then the idempotency answers.
    public static func restore(
        courses: [(Course, Location)], slots: [(Slot, Location)], participants: [Participant],
        bookings: [Booking], replays: [(IdempotencyKey, BookingRequest, LedgerDecision, Timestamp)], zone: CivilZone = .europeBerlin
    ) -> Ledger {
        var ledger = Ledger(zone: zone)
        for (course, location) in courses { ledger.put(course, at: location) }
        for (slot, location) in slots { ledger.put(slot, at: location) }
        for participant in participants { ledger.participants[participant.id] = participant }
        let waiting = bookings.filter { $0.status == .waitlisted }.sorted { $0.waitlistSeq ?? 0 < $1.waitlistSeq ?? 0 }
        for booking in bookings {
            ledger.bookings[booking.id] = booking
            // A cancelled booking is held by nobody, but its time counts as their last change.
            ledger.noteChange(booking)
            guard booking.isActive else { continue }
            ledger.hold(booking)
            switch (booking.offer, booking.status) {
            case (.course(let id), .confirmed): ledger.seats[id]?.confirmed += 1
            case (.slot(let id), _): ledger.slotHolder[id] = booking.id
            default: break
            }
        }
        for booking in waiting {
            if case .course(let id) = booking.offer { ledger.seats[id]?.waitlist.append(booking.id) }
        }
        ledger.nextWaitlistSeq = (bookings.compactMap(\.waitlistSeq).max() ?? 0) + 1
        for (key, request, decision, at) in replays {
            ledger.replays[key] = Replay(request: request, decision: decision, at: at)
        }
        return ledger
    }
}
