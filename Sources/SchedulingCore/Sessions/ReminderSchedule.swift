/// When a participant hears once more before an offer begins.
///
/// A booking gets one reminder, `lead` before the offer first meets, when it is confirmed by then
/// and the offer has not begun. A booking confirmed later than that needs none: its confirmation
/// arrived close enough to the day.
public struct ReminderSchedule: Sendable, Equatable {
    /// Seconds between the reminder and the first meeting; 24 hours unless configured.
    public var leadSeconds: Int64

    public init(leadSeconds: Int64 = 24 * 3600) {
        self.leadSeconds = leadSeconds
    }

    /// The instant a course first meets: its first session date (holidays skipped) at its start time.
    public static func firstMeeting(of course: Course, calendars: HolidayCalendars, zone: CivilZone) -> Timestamp? {
        CourseSessions.dates(of: course, calendars: calendars).first.map {
            zone.instant(LocalDateTime(date: $0, minutes: course.startTime.minutes))
        }
    }

    /// The reminders owed at `now`, each with the time it fell due.
    /// - Parameter starts: when each offer first meets.
    public func due(bookings: [Booking], starts: [OfferRef: Timestamp], now: Timestamp) -> [(booking: Booking, dueAt: Timestamp)] {
        bookings.compactMap { booking in
            guard booking.status == .confirmed, let start = starts[booking.offer] else { return nil }
            let dueAt = start.adding(seconds: -leadSeconds)
            guard dueAt <= now, now < start, booking.updatedAt <= dueAt else { return nil }
            return (booking, dueAt)
        }
    }
}
