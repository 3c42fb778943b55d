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

extension CourseSessions {
    /// Why attendance cannot be kept for `date`, or `nil` when it can: it must be one of the
    /// course's session dates, and not later than `today`.
    public static func attendanceRefusal(
        for date: LocalDate, of course: Course, calendars: HolidayCalendars, today: LocalDate
    ) -> String? {
        if date > today { return "must not be in the future (today is \(today))" }
        if !dates(of: course, calendars: calendars).contains(date) { return "must be one of the course's session dates" }
        return nil
    }
}
