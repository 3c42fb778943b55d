import SchedulingCore

/// Builds an iCalendar stream line by line: parameters in the order given (so output is stable
/// enough for golden files), every line folded and ended with CRLF.
///
/// Whatever reaches it, a value can never open a new line: TEXT goes through
/// `ICalendarText.escape`, parameter values through `ICalendarText.parameterValue`, and the
/// assembled line loses any control character left before it is folded.
///
/// - SeeAlso: RFC 5545 §3.1 (content lines), §3.2 (parameters).
struct ContentLineWriter {
    private(set) var text = ""

    mutating func begin(_ component: String) {
        property("BEGIN", value: component)
    }

    mutating func end(_ component: String) {
        property("END", value: component)
    }

    /// A property whose value is already in its RFC 5545 form (a date, a number, a rule, a URI).
    mutating func property(_ name: String, _ parameters: [(String, String)] = [], value: String) {
        var line = name
        for (parameter, parameterValue) in parameters {
            line += ";" + parameter + "=" + ICalendarText.parameterValue(parameterValue)
        }
        line += ":" + value
        text += ContentLine.fold(ICalendarText.withoutControls(line))
    }

    /// A property of type TEXT, escaped.
    mutating func textProperty(_ name: String, _ value: String) {
        property(name, value: ICalendarText.escape(value))
    }
}

/// The basic ISO forms RFC 5545 writes dates and times in.
///
/// - SeeAlso: RFC 5545 §3.3.4 (DATE), §3.3.5 (DATE-TIME: local form and UTC form with `Z`).
enum ICalendarFormat {
    /// `YYYYMMDDTHHMMSS`, a wall-clock reading to pair with a TZID parameter.
    static func local(_ value: LocalDateTime) -> String {
        date(value.date) + "T" + pad(value.minutes / 60) + pad(value.minutes % 60) + "00"
    }

    /// `YYYYMMDDTHHMMSSZ`.
    static func utc(_ instant: Timestamp) -> String {
        let seconds = instant.secondsSinceEpoch
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        return date(LocalDate(daysSinceEpoch: days)) + "T" + pad(secondOfDay / 3600)
            + pad(secondOfDay / 60 % 60) + pad(secondOfDay % 60) + "Z"
    }

    static func date(_ value: LocalDate) -> String {
        let (year, month, day) = value.components
        return pad(year, width: 4) + pad(month) + pad(day)
    }

    /// `+HHMM` / `-HHMM`, as TZOFFSETFROM and TZOFFSETTO want it (§3.3.14).
    static func offset(minutes: Int) -> String {
        (minutes < 0 ? "-" : "+") + pad(abs(minutes) / 60) + pad(abs(minutes) % 60)
    }

    private static func pad(_ value: Int, width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
