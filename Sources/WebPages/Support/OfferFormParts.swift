import SchedulingCore

/// "Donnerstag, 2027-05-06": a date as the previews list it.
func dayLabel(_ date: LocalDate, _ strings: UIStrings<PageLanguage>, _ language: PageLanguage) -> String {
    "\(strings.text("weekday.\(date.weekday.rawValue)", language)), \(date)"
}

/// The days a preview says holidays take out, each with the holiday's name from `calendar`.
func holidayList(_ dates: [LocalDate], named calendar: HolidayCalendar, _ strings: UIStrings<PageLanguage>, _ language: PageLanguage) -> [[String: Any]] {
    dates.map { ["day": dayLabel($0, strings, language), "date": $0.description, "name": calendar.names[$0] ?? ""] }
}

/// What the course form and the slot-series form share: a place of the organisation's own, and
/// weekdays to tick.
extension FormFields {
    /// The place `locationId` names among `places` (the organisation's own); when it names none
    /// of them, that is a broken rule of its own.
    mutating func place(among places: [Location]) -> Location? {
        let place = places.first { $0.id == values["locationId"] }
        if values["locationId"] != nil && place == nil {
            errors.append(FieldError(field: "locationId", message: "names no place of yours", rule: "unknownPlace"))
        }
        return place
    }

    /// The choices of place and weekday for the template, with what was chosen.
    func placeAndWeekdayChoices(
        places: [Location], weekdays: [String], _ strings: UIStrings<PageLanguage>, _ language: PageLanguage
    ) -> [String: Any] {
        [
            "places": choices(places.map { ($0.id, "\($0.name) (\($0.district))") }, selected: values["locationId"]),
            "weekdays": Weekday.allCases.map { day -> [String: Any] in
                ["code": day.rawValue, "label": strings.text("weekday.\(day.rawValue)", language), "checked": weekdays.contains(day.rawValue)]
            },
            "hasPlaces": !places.isEmpty,
        ]
    }
}
