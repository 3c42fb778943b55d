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

extension EligibilityRule {
    /// Whether this one rule lets `participant` take `offer`. Rules that do not apply to an
    /// offer's kind (childcare for a slot, language for a course) hold.
    public func holds(for participant: Participant, _ offer: Offer, in context: EligibilityContext) -> Bool {
        switch self {
        case .womenOnlyOffer:
            return !offer.womenOnly || participant.gender == .female
        case .womenOnlyNeed:
            return !participant.needs.womenOnly || offer.womenOnly
        case .childcare:
            guard case .course(let course, _) = offer else { return true }
            return !participant.needs.childcare || course.childcare
        case .stepFree:
            return !participant.needs.stepFree || offer.location.stepFree
        case .level:
            guard case .course(let course, _) = offer else { return true }
            return course.level == participant.level || course.level == participant.level.next
                || (course.kind == .literacy && participant.level == .none)
        case .sharedLanguage:
            guard case .slot(let slot, _) = offer else { return true }
            return slot.languages.contains(where: participant.languages.contains)
        case .futureOffer:
            return offer.start(in: context.zone) > context.now
        case .noOverlap:
            let schedule = offer.schedule(in: context.zone)
            return !context.confirmed.contains(where: schedule.overlaps)
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
        EligibilityRule.allCases.filter { !$0.holds(for: participant, offer, in: context) }
    }

    public static func isEligible(_ participant: Participant, for offer: Offer, in context: EligibilityContext) -> Bool {
        EligibilityRule.allCases.allSatisfy { $0.holds(for: participant, offer, in: context) }
    }
}
