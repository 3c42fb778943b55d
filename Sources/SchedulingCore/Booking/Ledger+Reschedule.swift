extension Ledger {
    /// Moves a confirmed counselling booking to `slotId`, keeping its id (so the participant's
    /// calendar entry is replaced, not doubled). The participant does this themselves, so both
    /// slots must lie outside their notice windows, and the new one must be one they could have
    /// booked: same service and centre, free, eligible without the old appointment.
    mutating func reschedule(bookingId: String, toSlot slotId: String, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard var booking = bookings[bookingId], let participant = participants[booking.participantId] else {
            return (.rejected(.unknownBooking(bookingId)), [])
        }
        guard booking.status == .confirmed, case .slot(let oldId) = booking.offer, let old = slots[oldId]?.slot else {
            return (.rejected(.rescheduleRefused(reason: "only a confirmed counselling appointment can be moved")), [])
        }
        guard now < old.cancelDeadline else { return (.rejected(.noticeWindowPassed(deadline: old.cancelDeadline)), []) }
        guard let (slot, location) = slots[slotId], slotId != oldId else { return (.rejected(.unknownOffer(.slot(slotId))), []) }
        guard slot.centreId == old.centreId, slot.service == old.service else {
            return (.rejected(.rescheduleRefused(reason: "the new slot must be of the same service at the same centre")), [])
        }
        // A move the person could not undo themselves is one their centre should make with them.
        guard now < slot.cancelDeadline else {
            return (.rejected(.rescheduleRefused(reason: "the new slot starts within its notice window")), [])
        }
        if slotHolder[slotId] != nil { return (.rejected(.slotTaken(slotId: slotId)), []) }
        // The appointment being moved does not clash with its own replacement.
        let confirmed = holdings[participant.id].map { $0.confirmed.filter { $0.key != booking.offer }.map(\.value) } ?? []
        let context = EligibilityContext(now: now, confirmed: confirmed, zone: zone)
        let failures = Eligibility.failures(of: participant, for: .slot(slot, at: location), in: context)
        guard failures.isEmpty else { return (.rejected(.notEligible(failures)), []) }

        slotHolder[oldId] = nil
        holdings[participant.id]?.active[booking.offer] = nil
        holdings[participant.id]?.confirmed[booking.offer] = nil
        slotHolder[slotId] = booking.id
        booking.offer = .slot(slotId)
        booking.sequence += 1
        booking.updatedAt = now
        store(booking)
        return (.booking(booking, waitlistPosition: nil), [LedgerEvent(kind: .rescheduled, booking: booking)])
    }
}
