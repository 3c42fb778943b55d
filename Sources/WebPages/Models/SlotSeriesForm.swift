import SchedulingCore

/// An advice centre's form for counselling hours in series: what was typed, the rules it breaks,
/// and, once it passes them, how many slots it makes and which dates holidays take out.
struct SlotSeriesForm {
    static let names = [
        "counsellor", "languages", "service", "womenOnly", "locationId", "weekdays", "startTime", "endTime", "slotMinutes",
        "firstDate", "lastDate", "cancelUntilHours",
    ]

    var fields: FormFields
    var weekdays: [String]

    /// Mornings of 45-minute appointments in German, cancellable until a day before.
    static let blank = SlotSeriesForm(
        fields: FormFields(values: [
            "service": ServiceKind.mbe.rawValue, "languages": "de", "startTime": "09:00", "endTime": "12:00", "slotMinutes": "45",
            "cancelUntilHours": String(NoticeWindow.defaultHours),
        ], ticked: []),
        weekdays: [])

    init(fields: FormFields, weekdays: [String]) {
        self.fields = fields
        self.weekdays = weekdays
    }

    init(_ form: FormBody) {
        fields = FormFields(form, names: Self.names, checkboxes: ["womenOnly"])
        weekdays = form.all("weekdays")
    }

    /// The series it describes at one of `places` (the centre's own); nil when a rule is broken:
    /// `fields.errors` names each.
    mutating func validated(
        centreId: String, places: [Location], zone: CivilZone, holidays: HolidayCalendar, id: (Int) -> String
    ) -> (SlotSeries, Location)? {
        let input = SlotSeriesInput(
            counsellor: fields.values["counsellor"],
            languages: fields.values["languages"]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            service: fields.values["service"], womenOnly: fields.ticked.contains("womenOnly"), locationId: fields.values["locationId"],
            weekdays: weekdays, startTime: fields.values["startTime"], endTime: fields.values["endTime"],
            slotMinutes: fields.number("slotMinutes"), firstDate: fields.values["firstDate"], lastDate: fields.values["lastDate"],
            cancelUntilHours: fields.number("cancelUntilHours"))
        var series: SlotSeries?
        do {
            series = try input.validated(id: id, centreId: centreId, zone: zone, holidays: holidays)
        } catch {
            fields.add(error)
        }
        let place = fields.place(among: places)
        guard let series, let place, fields.errors.isEmpty else { return nil }
        return (series, place)
    }

    /// The form's values and choices for `slot-series.mustache`.
    func context(_ strings: UIStrings<PageLanguage>, _ language: PageLanguage, places: [Location]) -> [String: Any] {
        var context = fields.context(strings, language, names: Self.names)
        context["services"] = choices(
            ServiceKind.allCases.map { ($0.rawValue, strings.text("service.\($0.rawValue)", language)) }, selected: fields.values["service"])
        context.merge(fields.placeAndWeekdayChoices(places: places, weekdays: weekdays, strings, language)) { $1 }
        return context
    }

    /// How many slots the series makes, from when to when, and the holidays it leaves out, named.
    static func preview(
        of series: SlotSeries, holidays: HolidayCalendar, zone: CivilZone, _ strings: UIStrings<PageLanguage>, _ language: PageLanguage
    ) -> [String: Any] {
        return [
            "count": series.slots.count, "days": Set(series.slots.map { zone.local($0.start).date }).count,
            "first": series.slots.first.map { zone.local($0.start).date.description } ?? "",
            "last": series.slots.last.map { zone.local($0.start).date.description } ?? "",
            "hasSkipped": !series.skipped.isEmpty,
            "skipped": holidayList(series.skipped, named: holidays, strings, language),
        ]
    }
}
