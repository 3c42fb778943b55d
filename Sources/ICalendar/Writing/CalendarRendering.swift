import SchedulingCore

/// A complete VCALENDAR: header, the zone's VTIMEZONE, and one VEVENT per event, folded at 75
/// octets with CRLF line endings.
///
/// Start, end and exception dates are written with `TZID` (a wall-clock reading in `zone`);
/// DTSTAMP and the recurrence's UNTIL in UTC, as RFC 5545 requires when DTSTART has a TZID.
///
/// - SeeAlso: RFC 5545 §3.4 (VCALENDAR), §3.7 (calendar properties), §3.6.1 (VEVENT),
///   §3.8.5.3 (RRULE: UNTIL in UTC), §3.8.5.1 (EXDATE), RFC 5546 (iTIP).
public func renderCalendar(
    method: CalendarMethod, events: [CalendarEvent], zone: CivilZone, productId: String
) -> String {
    var writer = ContentLineWriter()
    writer.begin("VCALENDAR")
    writer.property("VERSION", value: "2.0")
    writer.textProperty("PRODID", productId)
    writer.property("CALSCALE", value: "GREGORIAN")
    writer.property("METHOD", value: method.rawValue)
    writer.timeZone(zone)
    for event in events {
        writer.event(event, zone: zone)
    }
    writer.end("VCALENDAR")
    return writer.text
}

extension ContentLineWriter {
    mutating func event(_ event: CalendarEvent, zone: CivilZone) {
        let tzid = [("TZID", zone.identifier)]
        begin("VEVENT")
        textProperty("UID", event.uid)
        property("SEQUENCE", value: String(max(0, event.sequence)))
        property("DTSTAMP", value: ICalendarFormat.utc(event.stamp))
        property("DTSTART", tzid, value: ICalendarFormat.local(event.start))
        property("DTEND", tzid, value: ICalendarFormat.local(event.end))
        if let recurrence = event.recurrence {
            let lastEnd = LocalDateTime(date: recurrence.lastDate, minutes: event.end.minutes)
            let until = ICalendarFormat.utc(zone.instant(lastEnd))
            let days = recurrence.weekdays.codes.joined(separator: ",")
            property("RRULE", value: "FREQ=WEEKLY;BYDAY=\(days);UNTIL=\(until)")
        }
        // One EXDATE per skipped session: each names its holiday's date plainly, and clients
        // that mishandle multi-valued EXDATE (some do) still read every one.
        for date in event.exceptionDates {
            let skipped = LocalDateTime(date: date, minutes: event.start.minutes)
            property("EXDATE", tzid, value: ICalendarFormat.local(skipped))
        }
        textProperty("SUMMARY", event.summary)
        if let location = event.location { textProperty("LOCATION", location) }
        if let description = event.description { textProperty("DESCRIPTION", description) }
        property("STATUS", value: event.status.rawValue)
        if let organizer = event.organizer {
            property("ORGANIZER", [("CN", organizer.name)], value: mailto(organizer.email))
        }
        if let attendee = event.attendee {
            property(
                "ATTENDEE",
                [("CN", attendee.name), ("ROLE", "REQ-PARTICIPANT"), ("PARTSTAT", "ACCEPTED"), ("RSVP", "FALSE")],
                value: mailto(attendee.email))
        }
        end("VEVENT")
    }

    /// A `mailto:` URI; addresses reach us validated (`EmailAddress`), so only the characters a
    /// URI cannot hold literally are escaped, should an unchecked one slip through.
    ///
    /// - SeeAlso: RFC 6068 (mailto), RFC 3986 §2.1 (percent-encoding).
    private func mailto(_ email: String) -> String {
        var out = "mailto:"
        for byte in email.utf8 {
            if byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "%") && byte != UInt8(ascii: "\"") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
