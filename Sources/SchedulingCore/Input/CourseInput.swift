/// A course as a provider sends it.
public struct CourseInput: Codable, Sendable, Equatable {
    public var title: String?
    public var kind: String?
    public var level: String?
    public var locationId: String?
    public var capacity: Int?
    public var womenOnly: Bool?
    public var childcare: Bool?
    public var startDate: String?
    public var endDate: String?
    public var weekdays: [String]?
    public var startTime: String?
    public var endTime: String?
    /// Also pause in school holidays; public holidays are always left out.
    public var schoolHolidays: Bool?
    /// Hours before the first day until which participants may cancel themselves (default 24).
    public var cancelUntilHours: Int?

    public init(
        title: String? = nil, kind: String? = nil, level: String? = nil, locationId: String? = nil,
        capacity: Int? = nil, womenOnly: Bool? = nil, childcare: Bool? = nil, startDate: String? = nil,
        endDate: String? = nil, weekdays: [String]? = nil, startTime: String? = nil,
        endTime: String? = nil, schoolHolidays: Bool? = nil, cancelUntilHours: Int? = nil
    ) {
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
        self.schoolHolidays = schoolHolidays
        self.cancelUntilHours = cancelUntilHours
    }

    /// Classroom courses seat up to 25, but online and lecture-style offers (and load tests)
    /// take many more; the bound only catches nonsense such as a pasted phone number.
    public static let capacityRange = 1...100_000

    /// The longest a course may run.
    public static let maximumYears = 3

    public func validated(id: String, providerId: String) throws(ValidationFailure) -> Course {
        var v = Validator()
        let title = v.text(title, "title")
        let kind = v.choice(kind, "kind", CourseKind.self)
        let level = v.choice(level, "level", Level.self)
        let locationId = v.text(locationId, "locationId")
        if let capacity = v.require(capacity, "capacity") { v.between(capacity, Self.capacityRange, "capacity") }
        let startDate = v.date(startDate, "startDate"), endDate = v.date(endDate, "endDate")
        if let startDate, let endDate, endDate < startDate {
            v.fail("endDate", "must not be before startDate", rule: "endBeforeStart")
        } else if let startDate, let endDate, let last = startDate.sameDay(yearsLater: Self.maximumYears), endDate > last {
            // Every session is computed for a course's pages, calendar and attendance: a course
            // over centuries would be millions of them on an anonymous request.
            v.fail("endDate", "must be at most \(Self.maximumYears) years after startDate (\(last) at the latest)", rule: "latestEnd", ["\(last)"])
        }
        let weekdays = validatedWeekdays(&v)
        let startTime = v.time(startTime, "startTime"), endTime = v.time(endTime, "endTime")
        if let startTime, let endTime, endTime <= startTime {
            v.fail("endTime", "must be after startTime", rule: "endTimeBeforeStart")
        }
        if let kind, let level {
            checkLevel(level, of: kind, &v)
        }
        if kind == .women && womenOnly == false {
            v.fail("womenOnly", "a women's course (kind women) is women-only", rule: "womenCourse")
        }
        let notice = v.noticeHours(cancelUntilHours)
        try v.finish()
        return Course(
            id: id, providerId: providerId, title: title!, kind: kind!, level: level!,
            locationId: locationId!, capacity: capacity!, womenOnly: womenOnly ?? (kind == .women),
            childcare: childcare ?? false, startDate: startDate!, endDate: endDate!, weekdays: weekdays!,
            startTime: startTime!, endTime: endTime!, pausesInSchoolHolidays: schoolHolidays ?? false,
            cancelUntilHours: notice)
    }

    private func validatedWeekdays(_ v: inout Validator) -> WeekdaySet? {
        guard let codes = v.require(weekdays, "weekdays") else { return nil }
        if codes.isEmpty {
            v.fail("weekdays", "must name at least one weekday", rule: "weekdays")
            return nil
        }
        var days: [Weekday] = []
        for code in codes {
            guard let day = v.choice(code, "weekdays", Weekday.self) else { return nil }
            days.append(day)
        }
        return WeekdaySet(days)
    }

    /// Literacy courses start from no German at all; every other course teaches a CEFR level.
    private func checkLevel(_ level: Level, of kind: CourseKind, _ v: inout Validator) {
        if kind == .literacy && level > .a1 {
            v.fail("level", "a literacy course is at level none or A1", rule: "literacyLevel")
        } else if kind != .literacy && level == .none {
            v.fail("level", "only literacy courses are at level none", rule: "levelNone")
        }
    }
}
