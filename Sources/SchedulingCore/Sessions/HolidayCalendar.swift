/// Days on which courses do not meet, with their names.
public struct HolidayCalendar: Sendable, Equatable {
    public private(set) var names: [LocalDate: String]

    public init(_ names: [LocalDate: String] = [:]) {
        self.names = names
    }

    public func contains(_ day: LocalDate) -> Bool {
        names[day] != nil
    }

    /// Both calendars' days; where both name a day, this calendar's name stays.
    public func merging(_ other: HolidayCalendar) -> HolidayCalendar {
        HolidayCalendar(names.merging(other.names) { mine, _ in mine })
    }

    public var isEmpty: Bool { names.isEmpty }
}

/// The calendars a city's courses follow: public holidays always, school holidays where a course
/// opts in.
public struct HolidayCalendars: Sendable, Equatable {
    public var publicHolidays: HolidayCalendar
    public var schoolHolidays: HolidayCalendar

    public init(publicHolidays: HolidayCalendar = .init(), schoolHolidays: HolidayCalendar = .init()) {
        self.publicHolidays = publicHolidays
        self.schoolHolidays = schoolHolidays
    }

    /// The days this course skips.
    public func skipped(by course: Course) -> HolidayCalendar {
        course.pausesInSchoolHolidays ? publicHolidays.merging(schoolHolidays) : publicHolidays
    }
}
