extension Ledger {
    /// Changes a published course in one step. The capacity goes first, by `changeCapacity`'s own
    /// rule (never below the confirmed seats; new seats confirm the waitlist first come, first
    /// served), because it is the only part that can be refused; then title and childcare. A
    /// refusal changes nothing, and whatever the change does not name stays as it was.
    mutating func change(_ change: CourseChange, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard let before = courses[change.courseId]?.course else {
            return (.rejected(.unknownOffer(.course(change.courseId))), [])
        }
        var events: [LedgerEvent] = []
        var promoted: [Booking] = []
        if let capacity = change.capacity {
            let (decision, capacityEvents) = changeCapacity(courseId: change.courseId, to: capacity, now: now)
            guard case .capacityChanged(_, _, let promotions) = decision else { return (decision, []) }
            events = capacityEvents
            promoted = promotions
        }
        courses[change.courseId]?.course = change.applied(to: before)
        return (.courseChanged(courseId: change.courseId, promoted: promoted), events)
    }

    /// Withdraws a course before its first day (in the ledger's zone): the waiting bookings are
    /// cancelled first, in line order, then the confirmed ones, so no cancellation promotes anyone;
    /// then the course leaves the catalogue.
    mutating func withdraw(courseId: String, now: Timestamp) -> (LedgerDecision, [LedgerEvent]) {
        guard let course = courses[courseId]?.course else { return (.rejected(.unknownOffer(.course(courseId))), []) }
        guard zone.local(now).date < course.startDate else {
            return (.rejected(.courseBegun(courseId: courseId, startDate: course.startDate.description)), [])
        }
        let held = bookings.values.filter { $0.offer == .course(courseId) && $0.isActive }
        let waiting = waitlist(courseId: courseId)
        let confirmed = held.filter { $0.status == .confirmed }.map(\.id).sorted()
        var cancelled: [Booking] = [], events: [LedgerEvent] = []
        for id in waiting + confirmed {
            let (decision, bookingEvents) = cancel(bookingId: id, by: .provider, now: now)
            if case .booking(let booking, _) = decision { cancelled.append(booking) }
            events += bookingEvents
        }
        courses[courseId] = nil
        seats[courseId] = nil
        schedules[.course(courseId)] = nil
        return (.courseWithdrawn(courseId: courseId, cancelled: cancelled), events)
    }
}
