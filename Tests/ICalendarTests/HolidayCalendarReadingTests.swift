import Foundation
import Testing
import SchedulingCore
@testable import ICalendar

@Suite struct HolidayCalendarReadingTests {
    static let calendars = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Calendars")

    @Test func nrwPublicHolidaysAreReadFromTheShippedCalendar() throws {
        let text = try String(contentsOf: Self.calendars.appendingPathComponent("holidays-nrw.ics"), encoding: .utf8)
        let calendar = try HolidayCalendar(icalendar: text)
        #expect(calendar.names.count == 33)
        #expect(calendar.names[LocalDate(iso: "2027-05-06")!] == "Christi Himmelfahrt")
        #expect(calendar.names[LocalDate(iso: "2026-10-03")!] == "Tag der Deutschen Einheit")
        #expect(calendar.names[LocalDate(iso: "2028-11-01")!] == "Allerheiligen")
        #expect(!calendar.contains(LocalDate(iso: "2027-05-07")!))
    }

    @Test func multiDaySchoolHolidaysCoverEveryDayUpToTheExclusiveEnd() throws {
        let text = try String(contentsOf: Self.calendars.appendingPathComponent("school-holidays-nrw.ics"), encoding: .utf8)
        let calendar = try HolidayCalendar(icalendar: text)
        // Easter holidays 2027: 22 March to 3 April inclusive.
        #expect(calendar.contains(LocalDate(iso: "2027-03-22")!))
        #expect(calendar.contains(LocalDate(iso: "2027-04-03")!))
        #expect(!calendar.contains(LocalDate(iso: "2027-04-04")!))
        #expect(!calendar.contains(LocalDate(iso: "2027-03-21")!))
    }

    @Test func foldedLinesAndEscapesAreUndone() throws {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20271225\r\n"
            + "SUMMARY:1. Weihnachts\r\n feiertag\\, Familie\\; Ruhe\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let calendar = try HolidayCalendar(icalendar: text)
        #expect(calendar.names == [LocalDate(iso: "2027-12-25")!: "1. Weihnachtsfeiertag, Familie; Ruhe"])
    }

    @Test func parametersAreReadWithQuotedColons() throws {
        let line = try #require(ContentLine(parsing: "ATTENDEE;CN=\"Doe: Jane\";ROLE=REQ-PARTICIPANT:mailto:jane@example.org"))
        #expect(line.name == "ATTENDEE")
        #expect(line.parameters == ["CN": "Doe: Jane", "ROLE": "REQ-PARTICIPANT"])
        #expect(line.value == "mailto:jane@example.org")
    }

    @Test func brokenCalendarsAreRejectedWithTheReason() {
        #expect(throws: ICalendarError.unbalanced(component: "VCALENDAR")) {
            try HolidayCalendar(icalendar: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\n")
        }
        #expect(throws: ICalendarError.malformedLine(number: 2, line: "NOT A PROPERTY")) {
            try HolidayCalendar(icalendar: "BEGIN:VCALENDAR\r\nNOT A PROPERTY\r\nEND:VCALENDAR\r\n")
        }
        #expect(throws: ICalendarError.invalidDate(uid: "u1", value: "2027-12-25")) {
            try HolidayCalendar(icalendar: "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:u1\nDTSTART:2027-12-25\nEND:VEVENT\nEND:VCALENDAR\n")
        }
    }
}
