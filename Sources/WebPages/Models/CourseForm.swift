import SchedulingCore

/// The provider's form for a new course: what was typed, the rules it breaks, and, once it
/// passes them, the dates the course will meet and the holidays it skips.
struct CourseForm {
    static let names = [
        "title", "kind", "level", "locationId", "capacity", "womenOnly", "childcare", "startDate", "endDate", "weekdays",
        "startTime", "endTime", "schoolHolidays", "cancelUntilHours",
    ]
    static let checkboxes: Set<String> = ["womenOnly", "childcare", "schoolHolidays"]

    var fields: FormFields
    var weekdays: [String]

    /// A new course: a morning course of twelve seats at level A1, cancellable until a day before.
    static let blank = CourseForm(
        fields: FormFields(values: [
            "kind": CourseKind.general.rawValue, "level": Level.a1.rawValue, "capacity": "12", "startTime": "09:00", "endTime": "12:15",
            "cancelUntilHours": String(NoticeWindow.defaultHours),
        ], ticked: []),
        weekdays: [])

    init(fields: FormFields, weekdays: [String]) {
        self.fields = fields
        self.weekdays = weekdays
    }

    init(_ form: FormBody) {
        fields = FormFields(form, names: Self.names, checkboxes: Self.checkboxes)
        weekdays = form.all("weekdays")
    }

    /// The course it describes, checked as `POST /v1/courses` checks one; the place must be one
    /// of `places` (the provider's own). Nil when a rule is broken: `fields.errors` names each.
    mutating func validated(id: String, providerId: String, places: [Location]) -> (Course, Location)? {
        let capacity = fields.number("capacity"), notice = fields.number("cancelUntilHours")
        // A women's course is women-only whatever the box says; the API would refuse `false`.
        let womenOnly = fields.ticked.contains("womenOnly") || fields.values["kind"] == CourseKind.women.rawValue
        let input = CourseInput(
            title: fields.values["title"], kind: fields.values["kind"], level: fields.values["level"],
            locationId: fields.values["locationId"], capacity: capacity, womenOnly: womenOnly,
            childcare: fields.ticked.contains("childcare"), startDate: fields.values["startDate"], endDate: fields.values["endDate"],
            weekdays: weekdays, startTime: fields.values["startTime"], endTime: fields.values["endTime"],
            schoolHolidays: fields.ticked.contains("schoolHolidays"), cancelUntilHours: notice)
        var course: Course?
        do {
            course = try input.validated(id: id, providerId: providerId)
        } catch {
            fields.add(error)
        }
        let place = fields.place(among: places)
        guard let course, let place, fields.errors.isEmpty else { return nil }
        return (course, place)
    }

    /// The form's values and choices for `course-form.mustache`.
    func context(_ strings: UIStrings<PageLanguage>, _ language: PageLanguage, places: [Location]) -> [String: Any] {
        var context = fields.context(strings, language, names: Self.names)
        context["kinds"] = choices(CourseKind.allCases.map { ($0.rawValue, strings.text("kind.\($0.rawValue)", language)) }, selected: fields.values["kind"])
        context["levels"] = choices(Level.allCases.map { ($0.rawValue, $0 == .none ? strings.text("level.none", language) : $0.rawValue) }, selected: fields.values["level"])
        context.merge(fields.placeAndWeekdayChoices(places: places, weekdays: weekdays, strings, language)) { $1 }
        return context
    }

    /// The dates `course` meets and the holidays it skips, each named, for the preview.
    static func preview(of course: Course, calendars: HolidayCalendars, _ strings: UIStrings<PageLanguage>, _ language: PageLanguage) -> [String: Any] {
        let dates = CourseSessions.dates(of: course, calendars: calendars)
        let skipped = CourseSessions.skippedDates(of: course, calendars: calendars)
        return [
            "count": dates.count, "hasSkipped": !skipped.isEmpty,
            "dates": dates.map { ["day": dayLabel($0, strings, language), "date": $0.description] },
            "skipped": holidayList(skipped, named: calendars.skipped(by: course), strings, language),
        ]
    }
}
