import SchedulingCore

extension CalendarEvent {
    /// The offer's event as one participant's entry for `booking`: the UID is the booking's own
    /// (`<bookingId>@wegweiser`), so every later version, cancellation included, replaces the
    /// same entry; SEQUENCE and DTSTAMP follow the booking's latest change.
    ///
    /// - SeeAlso: RFC 5545 §3.8.4.7 (UID), §3.8.7.4 (SEQUENCE); RFC 5546 §2.1.4 (sequencing).
    public func entry(for booking: Booking, attendee: CalendarParticipant?) -> CalendarEvent {
        var entry = self
        entry.uid = CalendarEvent.uid(forBooking: booking.id)
        entry.sequence = booking.sequence
        // The booking's last change, not the clock: a resend after a crash is byte-identical.
        entry.stamp = booking.updatedAt
        entry.attendee = attendee
        entry.status = booking.status == .cancelled ? .cancelled : .confirmed
        return entry
    }

    /// The UID of a booking's calendar entry: stable for the booking's whole life.
    public static func uid(forBooking bookingId: String) -> String {
        bookingId + "@wegweiser"
    }
}

extension CalendarMethod {
    /// REQUEST for a confirmed booking (promotion from the waitlist confirms it), CANCEL for a
    /// cancelled one; `nil` while waitlisted, which is not yet an appointment to put in a calendar.
    ///
    /// - SeeAlso: RFC 5546 §3.2.2 (REQUEST), §3.2.5 (CANCEL).
    public init?(bookingStatus: BookingStatus) {
        switch bookingStatus {
        case .confirmed: self = .request
        case .cancelled: self = .cancel
        case .waitlisted: return nil
        }
    }
}

/// The calendar attached to a booking's mail: the offer's event turned into the participant's
/// entry (see `CalendarEvent.entry(for:attendee:)`) under the method its status calls for;
/// `nil` for a waitlisted booking.
///
/// - SeeAlso: RFC 5546 §3.2 (methods for VEVENT).
public func renderBookingCalendar(
    booking: Booking, offerEvent: CalendarEvent, attendee: CalendarParticipant?, zone: CivilZone,
    productId: String
) -> String? {
    guard let method = CalendarMethod(bookingStatus: booking.status) else { return nil }
    return renderCalendar(
        method: method, events: [offerEvent.entry(for: booking, attendee: attendee)], zone: zone,
        productId: productId)
}
