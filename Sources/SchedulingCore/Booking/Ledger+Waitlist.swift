extension Ledger {
    /// Confirms waiting bookings, first in line first, while the course has free seats.
    ///
    /// Promotion does not re-check overlaps with bookings made while waiting: the place in line
    /// was earned when the booking was made, and the centre sees both bookings and can cancel one.
    mutating func promoteWaiting(courseId: String, now: Timestamp) -> [LedgerEvent] {
        var events: [LedgerEvent] = []
        var promoted = 0
        while var course = seats[courseId], course.confirmed < course.capacity, promoted < course.waitlist.count {
            let id = course.waitlist[promoted]
            promoted += 1
            guard var booking = bookings[id] else { continue }
            booking.status = .confirmed
            booking.waitlistSeq = nil
            booking.sequence += 1
            booking.updatedAt = now
            store(booking)
            course.confirmed += 1
            seats[courseId] = course
            events.append(LedgerEvent(kind: .promoted, booking: booking))
        }
        if promoted > 0 { seats[courseId]!.waitlist.removeFirst(promoted) }
        return events
    }

    mutating func changeCapacity(courseId: String, to capacity: Int, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard let current = seats[courseId], var entry = courses[courseId] else {
            return (.rejected(.unknownOffer(.course(courseId))), [])
        }
        guard CourseInput.capacityRange.contains(capacity) else { return (.rejected(.invalidCapacity(capacity)), []) }
        guard capacity >= current.confirmed else {
            return (.rejected(.capacityBelowConfirmed(confirmed: current.confirmed)), [])
        }
        seats[courseId]!.capacity = capacity
        entry.course.capacity = capacity
        courses[courseId] = entry
        var events = [LedgerEvent(kind: .capacityChanged, booking: nil, courseId: courseId, capacity: capacity)]
        let promotions = promoteWaiting(courseId: courseId, now: now)
        events += promotions
        return (.capacityChanged(courseId: courseId, capacity: capacity, promoted: promotions.compactMap(\.booking)), events)
    }

    mutating func erase(participantId: String, ifIdleSince cutoff: Timestamp, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard let participant = participants[participantId] else { return (.rejected(.unknownParticipant(participantId)), []) }
        guard isIdle(participant, since: cutoff) else { return (.rejected(.notIdle(participantId: participantId)), []) }
        return erase(participantId: participantId, now: now)
    }

    /// Nothing went on for `participant` since `cutoff`, and nothing they hold goes on after it.
    func isIdle(_ participant: Participant, since cutoff: Timestamp) -> Bool {
        guard participant.registeredAt < cutoff, (participant.consent?.givenAt ?? participant.registeredAt) < cutoff else { return false }
        guard let held = holdings[participant.id] else { return true }
        guard held.lastChange < cutoff else { return false }
        let cutoffDay = zone.local(cutoff).date
        return held.active.keys.allSatisfy { offer in
            switch offer {
            case .course(let id): courses[id].map { $0.course.endDate < cutoffDay } ?? true
            case .slot(let id): slots[id].map { $0.slot.start.adding(seconds: Int64($0.slot.durationMinutes) * 60) < cutoff } ?? true
            }
        }
    }

    mutating func erase(participantId: String, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard participants[participantId] != nil else { return (.rejected(.unknownParticipant(participantId)), []) }
        var events: [LedgerEvent] = []
        var cancelled: [Booking] = []
        for id in activeBookingIds(of: participantId) {
            let (decision, more) = cancel(bookingId: id, by: .system, now: now, notify: false)
            if case .booking(let booking, _) = decision { cancelled.append(booking) }
            events += more
        }
        forget(participantId: participantId)
        return (.erased(participantId: participantId, cancelled: cancelled), events)
    }
}
