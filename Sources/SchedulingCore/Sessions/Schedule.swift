/// When an offer takes place, in local wall-clock time: enough to tell whether two offers clash.
public enum Schedule: Hashable, Sendable {
    /// A course: on `weekdays` between two dates (inclusive), during `minutes` of each such day.
    case weekly(from: LocalDate, through: LocalDate, on: WeekdaySet, minutes: Range<Int>)
    /// An appointment: one day, during `minutes`.
    case once(on: LocalDate, minutes: Range<Int>)

    /// Whether some moment lies in both.
    ///
    /// Holidays are not subtracted: two courses that share a weekday and time clash on every
    /// other day of their common weeks anyway, and an appointment on a holiday at course time is
    /// rare enough that erring on the side of "clash" is the safe answer.
    public func overlaps(_ other: Schedule) -> Bool {
        switch (self, other) {
        case let (.once(dayA, minutesA), .once(dayB, minutesB)):
            return dayA == dayB && minutesA.overlaps(minutesB)
        case let (.once(day, minutesA), .weekly(first, last, weekdays, minutesB)),
             let (.weekly(first, last, weekdays, minutesB), .once(day, minutesA)):
            return day >= first && day <= last && weekdays.contains(day.weekday) && minutesA.overlaps(minutesB)
        case let (.weekly(firstA, lastA, daysA, minutesA), .weekly(firstB, lastB, daysB, minutesB)):
            let common = daysA.intersection(daysB)
            let first = max(firstA, firstB), last = min(lastA, lastB)
            guard !common.isEmpty, first <= last, minutesA.overlaps(minutesB) else { return false }
            // Within at most one week of the common range every common weekday shows up.
            var day = first
            while day <= last && first.days(to: day) < 7 {
                if common.contains(day.weekday) { return true }
                day = day.adding(days: 1)
            }
            return false
        }
    }
}
