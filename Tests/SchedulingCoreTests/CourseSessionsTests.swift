import Testing
@testable import SchedulingCore

@Suite struct CourseSessionsTests {
    let nrw = HolidayCalendars(
        publicHolidays: HolidayCalendar([Fixture.date("2027-05-06"): "Christi Himmelfahrt", Fixture.date("2027-05-17"): "Pfingstmontag"]),
        schoolHolidays: HolidayCalendar([Fixture.date("2027-05-18"): "Pfingstferien"]))

    @Test func mondayToFridayCourseSkipsAscensionDay() {
        let course = Fixture.course(from: "2027-05-03", through: "2027-05-14")
        let dates = CourseSessions.dates(of: course, calendars: nrw)
        #expect(dates.count == 9)
        #expect(!dates.contains(Fixture.date("2027-05-06")))
        #expect(dates.first == Fixture.date("2027-05-03") && dates.last == Fixture.date("2027-05-14"))
        #expect(CourseSessions.skippedDates(of: course, calendars: nrw) == [Fixture.date("2027-05-06")])
    }

    @Test func onlyTheCoursesWeekdaysCount() {
        let course = Fixture.course(from: "2027-05-03", through: "2027-05-23", weekdays: [.tuesday, .thursday])
        #expect(CourseSessions.dates(of: course, calendars: nrw).map(\.description)
            == ["2027-05-04", "2027-05-11", "2027-05-13", "2027-05-18", "2027-05-20"])
    }

    @Test func schoolHolidaysAreSkippedOnlyByCoursesThatOptIn() {
        let plain = Fixture.course(from: "2027-05-17", through: "2027-05-21")
        let parents = Fixture.course(kind: .parents, from: "2027-05-17", through: "2027-05-21", schoolHolidays: true)
        #expect(CourseSessions.dates(of: plain, calendars: nrw).count == 4)  // Whit Monday only
        #expect(CourseSessions.dates(of: parents, calendars: nrw).count == 3)  // and the school holiday
    }
}
