import Testing
@testable import SchedulingCore

@Suite struct LocalDateTests {
    @Test(arguments: ["1970-01-01", "2000-02-29", "2027-05-06", "2028-12-31", "1999-12-31"])
    func isoTextRoundTrips(_ text: String) throws {
        let date = try #require(LocalDate(iso: text))
        #expect(date.description == text)
        #expect(LocalDate(year: date.components.year, month: date.components.month, day: date.components.day) == date)
    }

    @Test(arguments: ["2027-02-29", "2027-13-01", "2027-00-10", "2027-1-01", "27-01-01", "2027/01/01", "", "2027-01-32"])
    func impossibleDatesAreRejected(_ text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func weekdaysFollowTheCalendar() throws {
        #expect(try #require(LocalDate(iso: "1970-01-01")).weekday == .thursday)
        #expect(try #require(LocalDate(iso: "2027-05-06")).weekday == .thursday)  // Ascension Day 2027
        #expect(try #require(LocalDate(iso: "2027-01-11")).weekday == .monday)
        #expect(try #require(LocalDate(iso: "1969-12-28")).weekday == .sunday)
        #expect(try #require(LocalDate(iso: "2026-11-27")).startOfWeek.description == "2026-11-23")
    }

    @Test func timesOfDayParseStrictly() {
        #expect(TimeOfDay(text: "08:30")?.minutes == 510)
        #expect(TimeOfDay(text: "23:59")?.description == "23:59")
        #expect(TimeOfDay(text: "24:00") == nil)
        #expect(TimeOfDay(text: "8:30") == nil)
        #expect(TimeOfDay(text: "12:60") == nil)
        #expect(TimeOfDay(text: "11:59")?.dayPart == .morning)
        #expect(TimeOfDay(text: "12:00")?.dayPart == .afternoon)
        #expect(TimeOfDay(text: "17:00")?.dayPart == .evening)
    }
}

@Suite struct TimestampTests {
    @Test func rfc3339WithOffsetDenotesTheSameInstantAsUTC() throws {
        let berlin = try #require(Timestamp(rfc3339: "2027-01-12T09:00:00+01:00"))
        let utc = try #require(Timestamp(rfc3339: "2027-01-12T08:00:00Z"))
        #expect(berlin == utc)
        #expect(Timestamp(rfc3339: "2027-01-12T08:00:00.250Z") == utc)
        #expect(utc.rfc3339(offsetMinutes: 60) == "2027-01-12T09:00:00+01:00")
        #expect(utc.rfc3339(offsetMinutes: 0) == "2027-01-12T08:00:00Z")
    }

    @Test(arguments: ["2027-01-12T09:00:00", "2027-01-12 09:00:00+01:00", "2027-01-12T25:00:00Z", "2027-01-12T09:00:00+1:00", "yesterday"])
    func timestampsWithoutOffsetOrMalformedAreRejected(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func berlinSwitchesToSummerTimeOnTheLastSundayOfMarch() throws {
        let zone = CivilZone.europeBerlin
        let before = try #require(Timestamp(rfc3339: "2027-03-28T00:59:59Z"))
        let after = try #require(Timestamp(rfc3339: "2027-03-28T01:00:00Z"))
        #expect(zone.offsetMinutes(at: before) == 60)
        #expect(zone.offsetMinutes(at: after) == 120)
        #expect(zone.rfc3339(after) == "2027-03-28T03:00:00+02:00")
        let autumn = try #require(Timestamp(rfc3339: "2027-10-31T01:00:00Z"))
        #expect(zone.offsetMinutes(at: autumn.adding(seconds: -1)) == 120)
        #expect(zone.offsetMinutes(at: autumn) == 60)
    }

    @Test func instantsBeyondTheCalendarsYearsStillHaveAnOffset() throws {
        // Berlin's year 10000 and year 0: no summer time rule to look up, and no crash.
        let late = try #require(Timestamp(rfc3339: "9999-12-31T23:59:00Z"))
        #expect(CivilZone.europeBerlin.offsetMinutes(at: late) == 60)
        let early = try #require(Timestamp(rfc3339: "0001-01-01T00:00:00+14:00"))
        #expect(CivilZone.europeBerlin.offsetMinutes(at: early) == 60)
    }

    @Test func localWallClockTimesMapBackToTheirInstant() throws {
        let zone = CivilZone.europeBerlin
        for text in ["2027-01-12T09:00:00+01:00", "2027-07-01T18:30:00+02:00", "2027-03-29T08:00:00+02:00"] {
            let instant = try #require(Timestamp(rfc3339: text))
            #expect(zone.instant(zone.local(instant)) == instant)
            #expect(zone.rfc3339(instant) == text)
        }
        // 02:30 on the spring-forward day does not exist; it is read with the winter offset.
        let gap = LocalDateTime(date: try #require(LocalDate(iso: "2027-03-28")), minutes: 150)
        #expect(zone.rfc3339(zone.instant(gap)) == "2027-03-28T03:30:00+02:00")
    }
}
