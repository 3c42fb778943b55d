import SchedulingCore
import Testing
@testable import ICalendar

@Suite struct CalendarWritingRecurrenceTests {
    static func course(from start: String, through end: String, on days: [Weekday]) -> Course {
        var course = WritingSamples.course
        course.startDate = WritingSamples.date(start)
        course.endDate = WritingSamples.date(end)
        course.weekdays = WeekdaySet(days)
        course.startTime = TimeOfDay(hour: 18, minute: 0)!
        course.endTime = TimeOfDay(hour: 19, minute: 30)!
        return course
    }

    static func vevent(_ course: Course, calendars: HolidayCalendars = .init()) throws -> CalendarComponent {
        let event = try #require(CalendarEvent(
            course: course, location: nil, calendars: calendars, uid: "c@wegweiser", stamp: WritingSamples.stamp))
        let text = renderCalendar(
            method: .publish, events: [event], zone: WritingSamples.zone, productId: WritingSamples.productId)
        return try #require(try CalendarComponent.parse(text).components.first { $0.name == "VEVENT" })
    }

    static let easterMonday = HolidayCalendars(
        publicHolidays: HolidayCalendar([WritingSamples.date("2027-03-29"): "Ostermontag"]))

    @Test func courseAcrossTheSpringChangeKeepsItsWallClockTimeAndEndsInSummerTimeUtc() throws {
        // Mondays and Wednesdays 18:00–19:30 from 15 March to 7 April 2027; clocks go forward on
        // Sunday 28 March, so the last session ends 19:30 CEST = 17:30 UTC.
        let event = try Self.vevent(Self.course(from: "2027-03-15", through: "2027-04-07", on: [.monday, .wednesday]))
        #expect(event.property("DTSTART")?.parameters == ["TZID": "Europe/Berlin"])
        #expect(event.property("DTSTART")?.value == "20270315T180000")
        #expect(event.property("DTEND")?.value == "20270315T193000")
        #expect(event.property("RRULE")?.value == "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270407T173000Z")
    }

    @Test func courseEndingBeforeTheChangeUsesWinterTimeForUntil() throws {
        let event = try Self.vevent(Self.course(from: "2027-03-01", through: "2027-03-24", on: [.wednesday]))
        #expect(event.property("RRULE")?.value == "FREQ=WEEKLY;BYDAY=WE;UNTIL=20270324T183000Z")
    }

    @Test func eventStartsAtTheFirstRealSessionWhenTheStartDateIsAHoliday() throws {
        // Easter Monday 2027 is 29 March; the course's first day is that Monday.
        let holidays = Self.easterMonday
        let event = try Self.vevent(
            Self.course(from: "2027-03-29", through: "2027-04-28", on: [.monday, .wednesday]), calendars: holidays)
        #expect(event.property("DTSTART")?.value == "20270331T180000")
        #expect(event.property("EXDATE") == nil, "the holiday lies before DTSTART, outside the rule")
    }

    @Test func courseWithoutAnySessionHasNoEvent() {
        let course = Self.course(from: "2027-03-29", through: "2027-03-29", on: [.monday])
        let holidays = Self.easterMonday
        #expect(CalendarEvent(
            course: course, location: nil, calendars: holidays, uid: "c", stamp: WritingSamples.stamp) == nil)
    }

    @Test func timeZoneIsEuropeBerlinWithTheEuRules() throws {
        let text = renderCalendar(method: .publish, events: [], zone: .europeBerlin, productId: "p")
        let zone = try #require(try CalendarComponent.parse(text).components.first { $0.name == "VTIMEZONE" })
        #expect(zone.property("TZID")?.value == "Europe/Berlin")
        let daylight = try #require(zone.components.first { $0.name == "DAYLIGHT" })
        let standard = try #require(zone.components.first { $0.name == "STANDARD" })
        #expect(daylight.property("DTSTART")?.value == "19700329T020000")
        #expect(daylight.property("TZOFFSETFROM")?.value == "+0100")
        #expect(daylight.property("TZOFFSETTO")?.value == "+0200")
        #expect(daylight.property("RRULE")?.value == "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        #expect(standard.property("DTSTART")?.value == "19701025T030000")
        #expect(standard.property("TZOFFSETFROM")?.value == "+0200")
        #expect(standard.property("TZOFFSETTO")?.value == "+0100")
        #expect(standard.property("RRULE")?.value == "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
    }

    @Test func slotTimesAreReadInTheZone() throws {
        let event = WritingSamples.slotEvent()
        #expect(event.start == LocalDateTime(date: WritingSamples.date("2027-03-30"), minutes: 10 * 60))
        #expect(event.end == LocalDateTime(date: WritingSamples.date("2027-03-30"), minutes: 10 * 60 + 45))
        #expect(event.recurrence == nil)
    }
}
