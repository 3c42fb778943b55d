/// Which kind of offer a ranking is for (`?type=course|slot`).
public enum OfferKind: String, CaseIterable, Sendable {
    case course, slot
}

/// One offer a participant is eligible for, with why it ranks where it does.
public struct Match: Sendable, Hashable {
    /// The course or slot.
    public let offer: OfferRef
    /// `MatchScore`: higher is better, 0…100.
    public let score: Double
    /// Great-circle distance from the participant to the offer's location.
    public let distanceKm: Double
    /// A course with no free seat: booking it waitlists. Taken slots are never matches.
    public let full: Bool
    /// The facts behind the score and the needs the offer meets, for the page and the API.
    public let reasons: [MatchReason]

    public init(offer: OfferRef, score: Double, distanceKm: Double, full: Bool, reasons: [MatchReason]) {
        self.offer = offer
        self.score = score
        self.distanceKm = distanceKm
        self.full = full
        self.reasons = reasons
    }
}
