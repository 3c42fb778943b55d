extension Ledger {
    mutating func book(_ request: BookingRequest, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        if let key = request.idempotencyKey, let replay = replays[key],
           replay.at.secondsSinceEpoch >= now.secondsSinceEpoch - Self.replayLifetime {
            // The same key answers exactly as the first time; with another request it is a mistake.
            return replay.request.withoutId == request.withoutId ? (replay.decision, []) : (.rejected(.idempotencyKeyReused), [])
        }
        let (decision, events) = decideBooking(request, now: now)
        // A refusal is not kept: the same key may ask again once the reason is gone, and a client
        // sending refused requests cannot grow the ledger.
        if let key = request.idempotencyKey, !decision.isRejection {
            replays[key] = Replay(request: request, decision: decision, at: now)
        }
        return (decision, events)
    }

    private mutating func decideBooking(_ request: BookingRequest, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard let participant = participants[request.participantId],
              request.centreId == nil || request.centreId == participant.centreId else {
            return (.rejected(.unknownParticipant(request.participantId)), [])
        }
        guard let offer = offer(request.offer) else { return (.rejected(.unknownOffer(request.offer)), []) }
        if let held = holdings[participant.id]?.active[request.offer] {
            return (.rejected(.alreadyBooked(bookingId: held)), [])
        }
        if case .slot(let slotId) = request.offer, slotHolder[slotId] != nil {
            return (.rejected(.slotTaken(slotId: slotId)), [])
        }
        let context = context(for: participant.id, now: now)
        // The common case allocates nothing; the failing rules are listed only for a rejection.
        guard Eligibility.isEligible(participant, for: offer, in: context) else {
            return (.rejected(.notEligible(Eligibility.failures(of: participant, for: offer, in: context))), [])
        }

        var booking = Booking(
            id: request.bookingId, participantId: participant.id, offer: request.offer, status: .confirmed,
            createdAt: now, updatedAt: now)
        var position: Int?
        switch request.offer {
        case .slot(let slotId):
            slotHolder[slotId] = booking.id
        case .course(let courseId):
            position = takeSeat(in: courseId, for: &booking)
        }
        store(booking)
        let kind: LedgerEvent.Kind = booking.status == .waitlisted ? .waitlisted : .confirmed
        return (.booking(booking, waitlistPosition: position), [LedgerEvent(kind: kind, booking: booking)])
    }

    mutating func cancel(bookingId: String, by canceller: Canceller, now: Timestamp, notify: Bool = true) -> (LedgerDecision, [LedgerEvent]) {
        guard var booking = bookings[bookingId] else { return (.rejected(.unknownBooking(bookingId)), []) }
        // Cancelling twice is answered like the first time: the booking is cancelled.
        guard booking.isActive else { return (.booking(booking, waitlistPosition: nil), []) }
        if canceller == .participant, let deadline = cancelDeadline(of: booking.offer), now >= deadline {
            return (.rejected(.noticeWindowPassed(deadline: deadline)), [])
        }
        let wasConfirmed = booking.status == .confirmed
        booking.status = .cancelled
        booking.cancelledBy = canceller
        booking.waitlistSeq = nil
        booking.sequence += 1
        booking.updatedAt = now
        store(booking)
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

    /// A provider's release: a cancellation of a confirmed course seat, whose event carries the reason.
    mutating func release(bookingId: String, reason: String, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard let booking = bookings[bookingId] else { return (.rejected(.unknownBooking(bookingId)), []) }
        guard booking.status == .confirmed, case .course = booking.offer else {
            return (.rejected(.notReleasable(bookingId: bookingId)), [])
        }
        var (decision, events) = cancel(bookingId: bookingId, by: .provider, now: now)
        if let first = events.first {
            events[0] = LedgerEvent(kind: first.kind, booking: first.booking, notify: first.notify, reason: reason)
        }
        return (decision, events)
    }

    /// Confirms the booking if a seat is free, else puts it at the end of the line; returns its place in line.
    private mutating func takeSeat(in courseId: String, for booking: inout Booking) -> Int? {
        // Taken out of the dictionary so the waitlist is mutated in place, not copied.
        guard var course = seats.removeValue(forKey: courseId) else { return nil }
        defer { seats[courseId] = course }
        if course.confirmed < course.capacity {
            course.confirmed += 1
            return nil
        }
        booking.status = .waitlisted
        booking.waitlistSeq = nextWaitlistSeq
        nextWaitlistSeq += 1
        course.waitlist.append(booking.id)
        return course.waitlist.count
    }

    /// The last moment a participant may change a booking of `ref` themselves.
    func cancelDeadline(of ref: OfferRef) -> Timestamp? {
        switch ref {
        case .course(let id): courses[id]?.course.cancelDeadline(in: zone)
        case .slot(let id): slots[id]?.slot.cancelDeadline
        }
    }

    func offer(_ ref: OfferRef) -> Offer? {
        switch ref {
        case .course(let id): courses[id].map { .course($0.course, at: $0.location) }
        case .slot(let id): slots[id].map { .slot($0.slot, at: $0.location) }
        }
    }

    func activeBookingIds(of participantId: String) -> [String] {
        holdings[participantId].map { Array($0.active.values) } ?? []
    }

    /// The participant's confirmed commitments, against which a new offer must not clash.
    mutating func context(for participantId: String, now: Timestamp) -> EligibilityContext {
        let confirmed = holdings[participantId].map { Array($0.confirmed.values) } ?? []
        // A batch decides many commands at the same `now`: convert it to local time once.
        if localNow?.instant != now { localNow = (now, zone.local(now)) }
        return EligibilityContext(localNow: localNow!.local, confirmed: confirmed, zone: zone)
    }
}

extension BookingRequest {
    /// The request without its fresh booking id: what a repeated idempotency key must match.
    var withoutId: BookingRequest {
        BookingRequest(bookingId: "", participantId: participantId, offer: offer, idempotencyKey: idempotencyKey, centreId: centreId)
    }
}
