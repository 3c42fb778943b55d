import SchedulingCore

extension ContentLineWriter {
    /// The VTIMEZONE a `CivilZone` stands for: standard time only, or standard and daylight time
    /// under the EU rule (last Sunday of March and of October, both at 01:00 UTC).
    ///
    /// The rules start in 1970 as most producers write them; the zone has followed the current EU
    /// rule since 1996, and every instant we write is later than that.
    ///
    /// - SeeAlso: RFC 5545 §3.6.5 (VTIMEZONE), §3.8.3 (TZID, TZOFFSETFROM, TZOFFSETTO).
    mutating func timeZone(_ zone: CivilZone) {
        let standard = zone.standardOffsetMinutes
        let daylight = standard + 60
        begin("VTIMEZONE")
        property("TZID", value: zone.identifier)
        guard zone.observesEUSummerTime else {
            begin("STANDARD")
            property("DTSTART", value: "19700101T000000")
            property("TZOFFSETFROM", value: ICalendarFormat.offset(minutes: standard))
            property("TZOFFSETTO", value: ICalendarFormat.offset(minutes: standard))
            end("STANDARD")
            end("VTIMEZONE")
            return
        }
        // Central European zones have well-known abbreviations; others are left unnamed rather
        // than guessed (TZNAME is optional).
        let names: (standard: String, daylight: String)? = standard == 60 ? ("CET", "CEST") : nil
        // DTSTART is the local time just before the change: 01:00 UTC read with the old offset.
        transition("DAYLIGHT", month: 3, minutes: 60 + standard, from: standard, to: daylight, name: names?.daylight)
        transition("STANDARD", month: 10, minutes: 60 + daylight, from: daylight, to: standard, name: names?.standard)
        end("VTIMEZONE")
    }

    private mutating func transition(
        _ kind: String, month: Int, minutes: Int, from: Int, to: Int, name: String?
    ) {
        let last = LocalDate(year: 1970, month: month, day: 31)!
        let lastSunday = last.adding(days: -((last.weekday.index + 1) % 7))
        begin(kind)
        property("DTSTART", value: ICalendarFormat.local(LocalDateTime(date: lastSunday, minutes: minutes)))
        property("TZOFFSETFROM", value: ICalendarFormat.offset(minutes: from))
        property("TZOFFSETTO", value: ICalendarFormat.offset(minutes: to))
        if let name { property("TZNAME", value: name) }
        property("RRULE", value: "FREQ=YEARLY;BYMONTH=\(month);BYDAY=-1SU")
        end(kind)
    }
}
