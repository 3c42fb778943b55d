import SchedulingCore

/// One VEVENT as Wegweiser writes it: times are wall-clock readings in the calendar's zone, so a
/// weekly course keeps its local time across the change to and from summer time.
///
/// - SeeAlso: RFC 5545 §3.6.1 (VEVENT).
public struct CalendarEvent: Hashable, Sendable {
    /// Stable across every version of the entry; clients match updates and cancellations by it.
    public var uid: String
    /// Raised on every change so clients replace what they hold (RFC 5545 §3.8.7.4).
    public var sequence: Int
    /// When this version was made (DTSTAMP, written in UTC).
    public var stamp: Timestamp
    /// Start of the first occurrence, in the calendar's zone.
    public var start: LocalDateTime
    /// End of the first occurrence, in the calendar's zone.
    public var end: LocalDateTime
    public var summary: String
    public var location: String?
    public var description: String?
    public var status: CalendarEventStatus
    public var organizer: CalendarParticipant?
    public var attendee: CalendarParticipant?
    /// Repeats the first occurrence weekly; `nil` for a single appointment.
    public var recurrence: WeeklyRecurrence?
    /// Occurrences the recurrence produces that do not take place (holidays), by date; each is
    /// written at `start`'s time of day.
    public var exceptionDates: [LocalDate]

    public init(
        uid: String, sequence: Int = 0, stamp: Timestamp, start: LocalDateTime, end: LocalDateTime,
        summary: String, location: String? = nil, description: String? = nil,
        status: CalendarEventStatus = .confirmed, organizer: CalendarParticipant? = nil,
        attendee: CalendarParticipant? = nil, recurrence: WeeklyRecurrence? = nil, exceptionDates: [LocalDate] = []
    ) {
        self.uid = uid
        self.sequence = sequence
        self.stamp = stamp
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.status = status
        self.organizer = organizer
        self.attendee = attendee
        self.recurrence = recurrence
        self.exceptionDates = exceptionDates
    }
}

/// The STATUS values of a VEVENT.
///
/// - SeeAlso: RFC 5545 §3.8.1.11.
public enum CalendarEventStatus: String, Hashable, Sendable {
    case confirmed = "CONFIRMED", tentative = "TENTATIVE", cancelled = "CANCELLED"
}

/// A person on an event: the organiser or an attendee.
///
/// - SeeAlso: RFC 5545 §3.8.4.3 (ORGANIZER), §3.8.4.1 (ATTENDEE), §3.2.2 (CN).
public struct CalendarParticipant: Hashable, Sendable {
    /// The display name (CN); any script is fine, it is written as UTF-8.
    public var name: String
    public var email: String

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }
}

/// A weekly rule: every week on `weekdays`, through the session on `lastDate`.
///
/// - SeeAlso: RFC 5545 §3.3.10 (RECUR), §3.8.5.3 (RRULE).
public struct WeeklyRecurrence: Hashable, Sendable {
    public var weekdays: WeekdaySet
    /// The date of the last occurrence; UNTIL is written as the UTC instant it ends.
    public var lastDate: LocalDate

    public init(weekdays: WeekdaySet, lastDate: LocalDate) {
        self.weekdays = weekdays
        self.lastDate = lastDate
    }
}

/// The iTIP method a calendar object carries.
///
/// - SeeAlso: RFC 5545 §3.7.2 (METHOD), RFC 5546 §1.4 (PUBLISH, REQUEST, CANCEL).
public enum CalendarMethod: String, Hashable, Sendable {
    case publish = "PUBLISH", request = "REQUEST", cancel = "CANCEL"
}
