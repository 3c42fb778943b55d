/// A language course: a group that meets on fixed weekdays and times between two dates.
public struct Course: Hashable, Sendable {
    public let id: String
    public let providerId: String
    public var title: String
    public var kind: CourseKind
    public var level: Level
    public var locationId: String
    /// Seats; bookings beyond it are waitlisted.
    public var capacity: Int
    public var womenOnly: Bool
    public var childcare: Bool
    public var startDate: LocalDate
    public var endDate: LocalDate
    public var weekdays: WeekdaySet
    public var startTime: TimeOfDay
    public var endTime: TimeOfDay
    /// Whether the course also pauses in school holidays (parents' courses usually do).
    public var pausesInSchoolHolidays: Bool
    /// Participants may cancel themselves until this many hours before the first day.
    public var cancelUntilHours: Int

    public init(
        id: String, providerId: String, title: String, kind: CourseKind, level: Level,
        locationId: String, capacity: Int, womenOnly: Bool, childcare: Bool,
        startDate: LocalDate, endDate: LocalDate, weekdays: WeekdaySet,
        startTime: TimeOfDay, endTime: TimeOfDay, pausesInSchoolHolidays: Bool = false,
        cancelUntilHours: Int = NoticeWindow.defaultHours
    ) {
        self.id = id
        self.providerId = providerId
        self.title = title
        self.kind = kind
        self.level = level
        self.locationId = locationId
        self.capacity = capacity
        self.womenOnly = womenOnly
        self.childcare = childcare
        self.startDate = startDate
        self.endDate = endDate
        self.weekdays = weekdays
        self.startTime = startTime
        self.endTime = endTime
        self.pausesInSchoolHolidays = pausesInSchoolHolidays
        self.cancelUntilHours = cancelUntilHours
    }

    /// When the course meets, for overlap checks.
    public var schedule: Schedule {
        .weekly(from: startDate, through: endDate, on: weekdays, minutes: startTime.minutes..<endTime.minutes)
    }

    /// The wall-clock moment of the first possible session.
    public var firstStart: LocalDateTime {
        LocalDateTime(date: startDate, minutes: startTime.minutes)
    }
}
