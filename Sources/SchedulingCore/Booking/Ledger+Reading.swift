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
}
