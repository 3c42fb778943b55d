/// The hard rules that decide whether a participant may take an offer. Each names itself, so a
/// refused booking, a missing match and a "why not" on a page all say the same thing.
public enum EligibilityRule: String, CaseIterable, Sendable, Codable {
    /// A women-only offer takes only participants whose gender is female.
    case womenOnlyOffer = "women-only-offer"
    /// A participant who asks for women-only offers is matched only to those.
    case womenOnlyNeed = "women-only-need"
    /// A participant who needs childcare needs a course that provides it.
    case childcare
    /// A participant who needs a step-free place needs a step-free location.
    case stepFree = "step-free"
    /// A course teaches the participant's level or the next one up; literacy courses take `none`.
    case level
    /// A counselling slot needs a language the participant speaks.
    case sharedLanguage = "shared-language"
    /// The offer has not begun yet.
    case futureOffer = "future-offer"
    /// The offer clashes with none of the participant's confirmed bookings.
    case noOverlap = "no-overlap"

    /// The rule in one sentence, for problem details and pages.
    public var explanation: String {
        switch self {
        case .womenOnlyOffer: "a women-only offer takes only participants whose gender is female"
        case .womenOnlyNeed: "the participant asked for women-only offers and this one is not"
        case .childcare: "the participant needs childcare and the course provides none"
        case .stepFree: "the participant needs a step-free location and this one is not"
        case .level: "the course's level is neither the participant's level nor the next one up"
        case .sharedLanguage: "the counsellor speaks none of the participant's languages"
        case .futureOffer: "the offer has already begun"
        case .noOverlap: "the offer overlaps one of the participant's confirmed bookings"
        }
    }
}
