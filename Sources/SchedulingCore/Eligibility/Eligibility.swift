/// The moment and the commitments against which an offer is judged.
public struct EligibilityContext: Sendable {
    /// Now, in the city's local time.
    public var now: LocalDateTime
    /// The schedules of the participant's confirmed bookings (excluding the offer being judged).
    public var confirmed: [Schedule]
    public var zone: CivilZone

    public init(now: Timestamp, confirmed: [Schedule] = [], zone: CivilZone = .europeBerlin) {
        self.init(localNow: zone.local(now), confirmed: confirmed, zone: zone)
    }

    /// With `now` already in the city's local time.
    public init(localNow: LocalDateTime, confirmed: [Schedule] = [], zone: CivilZone = .europeBerlin) {
        self.now = localNow
        self.confirmed = confirmed
        self.zone = zone
    }
}

/// What the rules look at in an offer, taken out once per check: the rules then read plain
/// values instead of each unpacking (and copying) the course or slot again.
struct OfferFacts {
    var womenOnly: Bool
    var stepFree: Bool
    /// For courses only.
    var childcare: Bool?
    var level: Level?
    var isLiteracy = false
    /// For slots only.
    var languages: [LanguageCode]?
    var start: LocalDateTime
    var schedule: Schedule

    init(_ offer: Offer, zone: CivilZone) {
        womenOnly = offer.womenOnly
        stepFree = offer.location.stepFree
        start = offer.start(in: zone)
        schedule = offer.schedule(in: zone)
        switch offer {
        case .course(let course, _):
            childcare = course.childcare
            level = course.level
            isLiteracy = course.kind == .literacy
        case .slot(let slot, _):
            languages = slot.languages
        }
    }
}

extension EligibilityRule {
    /// Whether this one rule lets `participant` take `offer`. Rules that do not apply to an
    /// offer's kind (childcare for a slot, language for a course) hold.
    public func holds(for participant: Participant, _ offer: Offer, in context: EligibilityContext) -> Bool {
        holds(for: participant, OfferFacts(offer, zone: context.zone), in: context)
    }

    func holds(for participant: Participant, _ offer: OfferFacts, in context: EligibilityContext) -> Bool {
        switch self {
        case .womenOnlyOffer:
            return !offer.womenOnly || participant.gender == .female
        case .womenOnlyNeed:
            return !participant.needs.womenOnly || offer.womenOnly
        case .childcare:
            return !participant.needs.childcare || offer.childcare != false
        case .stepFree:
            return !participant.needs.stepFree || offer.stepFree
        case .level:
            guard let level = offer.level else { return true }
            return level == participant.level || level == participant.level.next
                || (offer.isLiteracy && participant.level == .none)
        case .sharedLanguage:
            guard let languages = offer.languages else { return true }
            return languages.contains(where: participant.languages.contains)
        case .futureOffer:
            return offer.start > context.now
        case .noOverlap:
            return !context.confirmed.contains(where: offer.schedule.overlaps)
        }
    }
}

/// Judges offers against every eligibility rule.
public enum Eligibility {
    /// The rules `participant` breaks by taking `offer`, in the order of `EligibilityRule.allCases`;
    /// empty when the offer is open to them.
    public static func failures(
        of participant: Participant, for offer: Offer, in context: EligibilityContext
    ) -> [EligibilityRule] {
        let facts = OfferFacts(offer, zone: context.zone)
        return EligibilityRule.allCases.filter { !$0.holds(for: participant, facts, in: context) }
    }

    public static func isEligible(_ participant: Participant, for offer: Offer, in context: EligibilityContext) -> Bool {
        let facts = OfferFacts(offer, zone: context.zone)
        return EligibilityRule.allCases.allSatisfy { $0.holds(for: participant, facts, in: context) }
    }
}
