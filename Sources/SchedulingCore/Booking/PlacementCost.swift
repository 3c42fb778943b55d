/// What placing one participant in one course costs in a batch allocation; lower is better.
///
/// `cost = round(distance in km × 10) + days until the course starts + 30 if it starts at a time
/// of day the participant is not available + max(0, 12 − whole months waited)`.
///
/// Distance counts in 100 m steps and each day of waiting for the course to begin counts like
/// 100 m, as in the benchmark instances (docs/allocation-format.md). The last term is the
/// tie-break for people who have waited long: a year of waiting is worth 1.2 km, so among
/// otherwise equal placements the longest-waiting person wins, but nobody is sent across the city
/// for it. All terms are non-negative integers, as the solver needs.
public enum PlacementCost {
    public static let timeOfDayPenalty: Int64 = 30
    public static let maximumWaitingPenalty: Int64 = 12

    public static func cost(
        of participant: Participant, in course: Course, at location: Location, now: LocalDateTime,
        registeredOn: LocalDate
    ) -> Int64 {
        let distance = Int64((participant.coordinate.distanceKm(to: location.coordinate) * 10).rounded())
        let daysToStart = Int64(max(0, now.date.days(to: course.startDate)))
        let timeOfDay = participant.availability.contains(course.startTime.dayPart) ? 0 : timeOfDayPenalty
        let monthsWaited = Int64(max(0, registeredOn.days(to: now.date)) / 30)
        return distance + daysToStart + timeOfDay + max(0, maximumWaitingPenalty - monthsWaited)
    }
}
