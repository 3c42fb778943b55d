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
}
