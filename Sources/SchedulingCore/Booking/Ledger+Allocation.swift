extension Ledger {
    /// Applies a batch allocation all or nothing: each participant gets a confirmed seat in their
    /// course (their waiting booking there is confirmed, or a new booking is made), and their other
    /// waiting course bookings are withdrawn, since they now have a course.
    mutating func allocate(_ placements: [Placement], bookingIds: [String], now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard bookingIds.count >= placements.count else {
            return (.rejected(.placementRejected(placements[bookingIds.count], reason: "no booking id for it")), [])
        }
        var trial = self
        var events: [LedgerEvent] = []
        var placed: [Booking] = []
        for (placement, newId) in zip(placements, bookingIds) {
            switch trial.place(placement, newId: newId, now: now) {
            case .success(let (booking, more)):
                placed.append(booking)
                events += more
            case .failure(let rejection):
                return (.rejected(rejection), [])
            }
        }
        self = trial
        return (.allocated(placed), events)
    }

    private mutating func place(_ placement: Placement, newId: String, now: Timestamp) -> Result<(Booking, [LedgerEvent]), LedgerRejection> {
        func reject(_ reason: String) -> Result<(Booking, [LedgerEvent]), LedgerRejection> {
            .failure(.placementRejected(placement, reason: reason))
        }
        guard let participant = participants[placement.participantId] else { return reject("unknown participant") }
        guard let offer = offer(.course(placement.courseId)), var course = seats[placement.courseId] else {
            return reject("unknown course")
        }
        let held = activeBookingIds(of: participant.id).compactMap { bookings[$0] }
        if let existing = held.first(where: { $0.offer == .course(placement.courseId) }), existing.status == .confirmed {
            return .success((existing, []))
        }
        guard course.confirmed < course.capacity else { return reject("the course has no free seat") }
        var events: [LedgerEvent] = []
        var booking: Booking
        if var waiting = held.first(where: { $0.offer == .course(placement.courseId) }) {
            course.waitlist.removeAll { $0 == waiting.id }
            waiting.status = .confirmed
            waiting.waitlistSeq = nil
            waiting.sequence += 1
            waiting.updatedAt = now
            booking = waiting
            events.append(LedgerEvent(kind: .promoted, booking: booking))
        } else {
            let failures = Eligibility.failures(of: participant, for: offer, in: context(for: participant.id, now: now))
            guard failures.isEmpty else { return reject("not eligible: " + failures.map(\.rawValue).joined(separator: ", ")) }
            booking = Booking(
                id: newId, participantId: participant.id, offer: .course(placement.courseId), status: .confirmed,
                createdAt: now, updatedAt: now)
            events.append(LedgerEvent(kind: .confirmed, booking: booking))
        }
        course.confirmed += 1
        seats[placement.courseId] = course
        store(booking)
        for other in held where other.status == .waitlisted && other.offer != .course(placement.courseId) {
            events += cancel(bookingId: other.id, by: .system, now: now).1
        }
        return .success((booking, events))
    }
}
