import Testing
@testable import SchedulingCore

@Suite struct ReminderScheduleTests {
    static let start = Timestamp(rfc3339: "2027-01-12T14:00:00+01:00")!
    static let schedule = ReminderSchedule()

    static func booking(_ status: BookingStatus, confirmedHoursBefore hours: Int64) -> Booking {
        let at = start.adding(seconds: -hours * 3600)
        return Booking(id: "b", participantId: "p", offer: .slot("s"), status: status, createdAt: at, updatedAt: at)
    }

    @Test(arguments: [
        // (status, confirmed hours before start, now hours before start, reminded?)
        (BookingStatus.confirmed, Int64(48), Int64(25), false),  // not yet due
        (.confirmed, 48, 24, true),  // due this very second
        (.confirmed, 48, 1, true),  // overdue (the server was down), the offer not begun
        (.confirmed, 48, 0, false),  // the offer has begun
        (.confirmed, 20, 10, false),  // confirmed within the lead: the confirmation was enough
        (.waitlisted, 48, 10, false),
        (.cancelled, 48, 10, false),
    ])
    func aReminderIsOwedOnlyToBookingsConfirmedBeforeItFallsDue(
        status: BookingStatus, confirmedBefore: Int64, nowBefore: Int64, reminded: Bool
    ) {
        let due = Self.schedule.due(
            bookings: [Self.booking(status, confirmedHoursBefore: confirmedBefore)], starts: [.slot("s"): Self.start],
            now: Self.start.adding(seconds: -nowBefore * 3600))
        #expect(due.count == (reminded ? 1 : 0))
        #expect(due.allSatisfy { $0.dueAt == Self.start.adding(seconds: -24 * 3600) })
    }

    @Test func aCourseFirstMeetsOnItsFirstSessionNotOnAHoliday() throws {
        // Starts on Ascension Day 2027 (Thursday 6 May), meets Mondays and Thursdays.
        let course = try CourseInput(
            title: "A1", kind: "general", level: "A1", locationId: "loc", capacity: 10, startDate: "2027-05-06",
            endDate: "2027-06-30", weekdays: ["MO", "TH"], startTime: "09:00", endTime: "12:00"
        ).validated(id: "c", providerId: "p")
        let calendars = HolidayCalendars(publicHolidays: HolidayCalendar([LocalDate(iso: "2027-05-06")!: "Christi Himmelfahrt"]))
        let first = ReminderSchedule.firstMeeting(of: course, calendars: calendars, zone: .europeBerlin)
        #expect(first == Timestamp(rfc3339: "2027-05-10T09:00:00+02:00"))
    }
}
