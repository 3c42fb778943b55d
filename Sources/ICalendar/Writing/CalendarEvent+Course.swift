import SchedulingCore

extension CalendarEvent {
    /// A course as one weekly recurring event: DTSTART is the first session that really takes
    /// place, the RRULE runs through the last one, and every holiday in between that falls on a
    /// course day is an EXDATE.
    ///
    /// `nil` when the course has no session at all (every course day a holiday, or no course
    /// weekday between its dates): such an event would have no first occurrence to start from.
    ///
    /// The first session, not `startDate`, starts the event because RFC 5545 counts DTSTART as
    /// an occurrence even when the rule would not produce it (§3.8.5.3): a course starting on a
    /// holiday or on a day it does not meet would otherwise show a session that never happens.
    ///
    /// - SeeAlso: RFC 5545 §3.8.2.4 (DTSTART), §3.8.5.3 (RRULE), §3.8.5.1 (EXDATE).
    public init?(
        course: Course, location: Location?, calendars: HolidayCalendars, uid: String, sequence: Int = 0,
        stamp: Timestamp, description: String? = nil, organizer: CalendarParticipant? = nil,
        attendee: CalendarParticipant? = nil
    ) {
        let sessions = CourseSessions.dates(of: course, calendars: calendars)
        guard let first = sessions.first, let last = sessions.last else { return nil }
        // Holidays before the first or after the last session are outside the rule already.
        let skipped = CourseSessions.skippedDates(of: course, calendars: calendars)
            .filter { $0 > first && $0 < last }
        self.init(
            uid: uid, sequence: sequence, stamp: stamp,
            start: LocalDateTime(date: first, minutes: course.startTime.minutes),
            end: LocalDateTime(date: first, minutes: course.endTime.minutes),
            summary: course.title, location: location.map(Self.place), description: description,
            status: .confirmed, organizer: organizer, attendee: attendee,
            recurrence: WeeklyRecurrence(weekdays: course.weekdays, lastDate: last),
            exceptionDates: skipped)
    }

    /// A counselling slot as a single event, its instants read in `zone`.
    ///
    /// - SeeAlso: RFC 5545 §3.6.1 (VEVENT).
    public init(
        slot: Slot, summary: String, location: Location?, zone: CivilZone, uid: String, sequence: Int = 0,
        stamp: Timestamp, description: String? = nil, organizer: CalendarParticipant? = nil,
        attendee: CalendarParticipant? = nil
    ) {
        self.init(
            uid: uid, sequence: sequence, stamp: stamp, start: zone.local(slot.start), end: zone.local(slot.end),
            summary: summary, location: location.map(Self.place), description: description,
            status: .confirmed, organizer: organizer, attendee: attendee)
    }

    /// "Name, address": what a calendar client shows and a map search finds.
    static func place(_ location: Location) -> String {
        location.address.isEmpty ? location.name : location.name + ", " + location.address
    }
}
