/// The dates a course actually meets.
public enum CourseSessions {
    /// Every date from `course.startDate` through `course.endDate` on one of its weekdays,
    /// less the days its calendars mark as holidays.
    public static func dates(of course: Course, calendars: HolidayCalendars) -> [LocalDate] {
        let skipped = calendars.skipped(by: course)
        var dates: [LocalDate] = []
        var day = course.startDate
        while day <= course.endDate {
            if course.weekdays.contains(day.weekday) && !skipped.contains(day) {
                dates.append(day)
            }
            day = day.adding(days: 1)
        }
        return dates
    }

    /// The holidays that fall on one of the course's weekdays within its dates: the sessions it skips.
    public static func skippedDates(of course: Course, calendars: HolidayCalendars) -> [LocalDate] {
        let skipped = calendars.skipped(by: course)
        return skipped.names.keys
            .filter { $0 >= course.startDate && $0 <= course.endDate && course.weekdays.contains($0.weekday) }
            .sorted()
    }
}
