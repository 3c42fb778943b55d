import SchedulingCore

extension HolidayCalendar {
    /// The all-day events of an iCalendar stream as holidays: every day from DTSTART up to, not
    /// including, DTEND (one day when DTEND is missing), named by SUMMARY.
    ///
    /// - SeeAlso: RFC 5545 §3.6.1 (an all-day VEVENT's DTEND is exclusive).
    public init(icalendar text: String) throws(ICalendarError) {
        var names: [LocalDate: String] = [:]
        let calendar = try CalendarComponent.parse(text)
        for event in calendar.components where event.name == "VEVENT" {
            let uid = event.property("UID")?.value ?? "?"
            guard let startValue = event.property("DTSTART")?.value,
                  let start = LocalDate(basic: startValue) else {
                throw .invalidDate(uid: uid, value: event.property("DTSTART")?.value ?? "")
            }
            var end = start.adding(days: 1)
            if let endValue = event.property("DTEND")?.value {
                guard let parsed = LocalDate(basic: endValue), parsed > start else {
                    throw .invalidDate(uid: uid, value: endValue)
                }
                end = parsed
            }
            let name = ICalendarText.unescape(event.property("SUMMARY")?.value ?? "")
            var day = start
            while day < end {
                names[day] = name
                day = day.adding(days: 1)
            }
        }
        self.init(names)
    }
}

extension LocalDate {
    /// Parses the basic ISO form `YYYYMMDD` of RFC 5545 DATE values (a time part is ignored).
    init?(basic value: String) {
        let digits = value.prefix(8)
        guard digits.count == 8, digits.allSatisfy(\.isASCII) else { return nil }
        self.init(iso: "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))")
    }
}
