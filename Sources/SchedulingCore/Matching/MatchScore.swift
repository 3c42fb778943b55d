/// How well an offer the participant is eligible for suits them. **Higher is better**, and a
/// score always lies in 0…100:
///
///     score = 40 · 5 / (5 + d)      d: kilometres from the participant to the offer's location
///                                      (great circle, `Coordinate.distanceKm(to:)`)
///           + 25 · 14 / (14 + t)    t: whole days from today to the first session, local dates
///           + 20 · f                f: 1 when the offer starts in a part of the day the participant
///                                      is available (any part when they named none), else 0
///           + 15 / (1 + r)          r: for a slot, the position in the participant's languages
///                                      (0 = the first, the one they speak best) of the best
///                                      language the counsellor offers; 0 for a course, which
///                                      teaches German at a level the rules already found fitting
///
/// The distance term halves at 5 km and the start term at two weeks. Every term is strictly
/// decreasing in d, t and r, so all else equal the nearer, the sooner, the better-fitting time
/// and counselling in the first language rank first. Equal scores are ordered by offer id.
///
/// The hard rules (women-only, childcare, step-free, level, shared language, future, overlap)
/// earn no points: an offer that breaks one is not a match at all, and one that keeps a need the
/// participant has says so in its reasons.
public enum MatchScore {
    public static let distanceWeight = 40.0
    public static let distanceHalfKm = 5.0
    public static let startWeight = 25.0
    public static let startHalfDays = 14.0
    public static let timeOfDayWeight = 20.0
    public static let languageWeight = 15.0

    /// The formula above. The index sums the same four terms in the same order, so both give
    /// bit-identical scores.
    @inlinable
    public static func score(
        distanceKm: Double, daysToStart: Int, fitsAvailability: Bool, languageRank: Int
    ) -> Double {
        distanceTerm(distanceKm) + startTerm(daysToStart) + timeOfDayTerm(fitsAvailability)
            + languageTerm(languageRank)
    }

    @inlinable
    public static func distanceTerm(_ km: Double) -> Double {
        distanceWeight * distanceHalfKm / (distanceHalfKm + max(0, km))
    }

    @inlinable
    public static func startTerm(_ days: Int) -> Double {
        startWeight * startHalfDays / (startHalfDays + Double(max(0, days)))
    }

    @inlinable
    public static func timeOfDayTerm(_ fits: Bool) -> Double {
        fits ? timeOfDayWeight : 0
    }

    @inlinable
    public static func languageTerm(_ rank: Int) -> Double {
        languageWeight / Double(1 + max(0, rank))
    }

    /// Whether an offer starting in `part` fits `availability`; naming no part means any time.
    public static func fits(_ part: DayPart, _ availability: Set<DayPart>) -> Bool {
        availability.isEmpty || availability.contains(part)
    }

    /// For a slot: the position in `participant` of the best language `offered` shares; `nil` if none.
    public static func languageRank(of participant: [LanguageCode], in offered: [LanguageCode]) -> Int? {
        participant.firstIndex(where: offered.contains)
    }
}
