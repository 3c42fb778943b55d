extension Ledger {
    mutating func book(_ request: BookingRequest, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        if let key = request.idempotencyKey, let replay = replays[key] {
            // The same key answers exactly as the first time; with another request it is a mistake.
            return replay.request.withoutId == request.withoutId ? (replay.decision, []) : (.rejected(.idempotencyKeyReused), [])
        }
        let (decision, events) = decideBooking(request, now: now)
        if let key = request.idempotencyKey {
            replays[key] = Replay(request: request, decision: decision)
        }
        return (decision, events)
    }

    private mutating func decideBooking(_ request: BookingRequest, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard let participant = participants[request.participantId] else {
            return (.rejected(.unknownParticipant(request.participantId)), [])
        }
        guard let offer = offer(request.offer) else { return (.rejected(.unknownOffer(request.offer)), []) }
        if let held = activeBookingIds(of: participant.id).first(where: { bookings[$0]?.offer == request.offer }) {
            return (.rejected(.alreadyBooked(bookingId: held)), [])
        }
        if case .slot(let slotId) = request.offer, slotHolder[slotId] != nil {
            return (.rejected(.slotTaken(slotId: slotId)), [])
        }
        let failures = Eligibility.failures(of: participant, for: offer, in: context(for: participant.id, now: now))
        guard failures.isEmpty else { return (.rejected(.notEligible(failures)), []) }

        var booking = Booking(
            id: request.bookingId, participantId: participant.id, offer: request.offer, status: .confirmed,
            createdAt: now, updatedAt: now)
        switch request.offer {
        case .slot(let slotId):
            slotHolder[slotId] = booking.id
        case .course(let courseId):
            if seats[courseId]!.confirmed < seats[courseId]!.capacity {
                seats[courseId]!.confirmed += 1
            } else {
                booking.status = .waitlisted
                booking.waitlistSeq = nextWaitlistSeq
                nextWaitlistSeq += 1
                seats[courseId]!.waitlist.append(booking.id)
            }
        }
        store(booking)
        activeByParticipant[participant.id, default: []].append(booking.id)
        let position = booking.status == .waitlisted ? seats[request.offer.id]!.waitlist.count : nil
        let kind: LedgerEvent.Kind = booking.status == .waitlisted ? .waitlisted : .confirmed
        return (.booking(booking, waitlistPosition: position), [LedgerEvent(kind: kind, booking: booking)])
    }

    mutating func cancel(bookingId: String, now: Timestamp, notify: Bool = true) -> (LedgerDecision, [LedgerEvent]) {
        guard var booking = bookings[bookingId] else { return (.rejected(.unknownBooking(bookingId)), []) }
        // Cancelling twice is answered like the first time: the booking is cancelled.
        guard booking.isActive else { return (.booking(booking, waitlistPosition: nil), []) }
        let wasConfirmed = booking.status == .confirmed
        booking.status = .cancelled
        booking.waitlistSeq = nil
        booking.sequence += 1
        booking.updatedAt = now
        store(booking)
        activeByParticipant[booking.participantId]?.removeAll { $0 == bookingId }
        var events = [LedgerEvent(kind: .cancelled, booking: booking, notify: notify)]
        switch booking.offer {
        case .slot(let slotId):
            slotHolder[slotId] = nil
        case .course(let courseId):
            if wasConfirmed {
                seats[courseId]!.confirmed -= 1
                events += promoteWaiting(courseId: courseId, now: now)
            } else {
                seats[courseId]!.waitlist.removeAll { $0 == bookingId }
            }
        }
        return (.booking(booking, waitlistPosition: nil), events)
    }

    func offer(_ ref: OfferRef) -> Offer? {
        switch ref {
        case .course(let id): courses[id].map { .course($0.course, at: $0.location) }
        case .slot(let id): slots[id].map { .slot($0.slot, at: $0.location) }
        }
    }

    func activeBookingIds(of participantId: String) -> [String] {
        activeByParticipant[participantId] ?? []
    }

    /// The participant's confirmed commitments, against which a new offer must not clash.
    func context(for participantId: String, now: Timestamp) -> EligibilityContext {
        let confirmed = activeBookingIds(of: participantId).compactMap { id -> Schedule? in
            guard let booking = bookings[id], booking.status == .confirmed else { return nil }
            return schedules[booking.offer]
        }
        return EligibilityContext(now: now, confirmed: confirmed, zone: zone)
    }
}

extension BookingRequest {
    /// The request without its fresh booking id: what a repeated idempotency key must match.
    var withoutId: BookingRequest {
        BookingRequest(bookingId: "", participantId: participantId, offer: offer, idempotencyKey: idempotencyKey)
    }
}
