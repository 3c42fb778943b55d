import Foundation
import ICalendar
import SchedulingCore
import SMTPClient
import Store
import Synchronization

/// The start of every personal link, e.g. `https://wegweiser.duisburg.de`. A server started on
/// port 0 learns its address only once it listens, so the base can be set then.
public final class LinkBase: Sendable {
    private let value: Mutex<String>

    public init(_ url: String) {
        value = Mutex(Self.trimmed(url))
    }

    /// Without a trailing slash.
    public var url: String { value.withLock { $0 } }

    public func set(_ url: String) {
        value.withLock { $0 = Self.trimmed(url) }
    }

    private static func trimmed(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}

/// Turns an outbox row into the mail it stands for: the participant's language, the booking's
/// offer, and its calendar entry.
public struct MailComposer: Sendable {
    public let database: AppDatabase
    public let templates: TemplateLibrary
    public let calendars: HolidayCalendars
    public let sender: MailAddress
    public let zone: CivilZone
    /// Signs the personal link every booking mail carries; `nil` writes mail without one.
    public let links: PersonalLinks?
    /// Where participants reach the server: `{linkBase}/b/{token}`.
    public let linkBase: LinkBase

    public init(
        database: AppDatabase, templates: TemplateLibrary, calendars: HolidayCalendars, sender: MailAddress,
        zone: CivilZone = .europeBerlin, links: PersonalLinks? = nil, linkBase: LinkBase = LinkBase("")
    ) {
        self.database = database
        self.templates = templates
        self.calendars = calendars
        self.sender = sender
        self.zone = zone
        self.links = links
        self.linkBase = linkBase
    }

    /// Why a row cannot become a mail; such a row fails for good.
    public struct Unsendable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Why a row is no longer worth sending: a reminder for a booking cancelled since, or for an
    /// offer that has begun. Such a row is dropped, not failed.
    public struct Obsolete: Error, CustomStringConvertible {
        public let description: String
    }

    /// The mail an outbox row stands for, from facts read beforehand (`nil`: they are gone).
    public func compose(_ entry: OutboxEntry, facts: MailFacts?, now: Timestamp) throws -> MailMessage {
        guard let kind = MailKind(rawValue: entry.kind) else { throw Unsendable(description: "unknown mail kind \(entry.kind)") }
        guard let facts else {
            throw Unsendable(description: "the booking, the participant or the offer no longer exists")
        }
        let (booking, participant) = (facts.booking, facts.participant)
        guard let email = participant.email else {
            throw Obsolete(description: "the participant has no email address; their centre prints the confirmation")
        }
        var (values, event) = offerFacts(facts)
        values.link = personalLink(for: facts)
        values.reason = facts.releaseReason
        if kind == .reminder {
            guard booking.status == .confirmed else { throw Obsolete(description: "the booking is no longer confirmed") }
            guard zone.instant(event.start) > now else { throw Obsolete(description: "the offer has begun") }
        }
        let mail = templates.render(kind, language: participant.preferredLanguage, values: values)
        let attendee = CalendarParticipant(name: participant.name, email: email)
        // A reminder changes nothing in the calendar: the entry is there since the confirmation.
        let calendar = kind == .reminder ? nil : renderBookingCalendar(
            booking: booking, offerEvent: event, attendee: attendee, zone: zone, productId: Self.productId)
        return MailMessage(
            from: sender, to: try MailAddress(email, displayName: participant.name), subject: mail.subject,
            date: Date(timeIntervalSince1970: TimeInterval(entry.createdAt)),
            messageId: MailMessage.messageId(outboxId: entry.id, domain: String(sender.address.split(separator: "@").last ?? "wegweiser")), textBody: mail.text,
            htmlBody: mail.html, languageCode: mail.language.code, isRightToLeft: mail.language.isRightToLeft,
            calendar: calendar.map {
                CalendarAttachment(text: $0, method: booking.status == .cancelled ? .cancel : .request)
            })
    }

    /// The participant's calendar entry for a booking, exactly as its latest mail carries it;
    /// `nil` while the booking waits for a seat.
    public func calendar(for booking: Booking, participant: Participant) async throws -> String? {
        guard let facts = try await database.mailFacts(bookingId: booking.id, participantId: participant.id) else { return nil }
        return renderBookingCalendar(
            booking: facts.booking, offerEvent: offerFacts(facts).event,
            attendee: participant.email.map { CalendarParticipant(name: participant.name, email: $0) }, zone: zone,
            productId: Self.productId)
    }

    /// The confirmed booking of `facts` as a calendar file to save (`PUBLISH`: an entry, not an
    /// invitation, so it needs no attendee); the same UID as its mails, so a later mail updates it.
    public func savedCalendar(_ facts: MailFacts) -> String? {
        guard facts.booking.status == .confirmed else { return nil }
        return renderCalendar(
            method: .publish, events: [offerFacts(facts).event.entry(for: facts.booking, attendee: nil)], zone: zone,
            productId: Self.productId)
    }

    /// `{publicURL}/b/{token}` for the booking of `facts`, valid until a month after its offer.
    public func personalLink(for facts: MailFacts) -> String? {
        guard let links else { return nil }
        let expires = switch facts.offer {
        case .course(let course): PersonalLinkLifetime.expiry(of: course, zone: zone)
        case .slot(let slot): PersonalLinkLifetime.expiry(of: slot)
        }
        return linkBase.url + "/b/" + links.token(bookingId: facts.booking.id, expires: expires)
    }

    static let productId = "-//Wegweiser//Buchung//DE"

    func offerFacts(_ facts: MailFacts) -> (values: MailValues, event: CalendarEvent) {
        let (booking, participant, location) = (facts.booking, facts.participant, facts.location)
        let language = templates.languages(for: .confirmed).contains(participant.preferredLanguage.code)
            ? participant.preferredLanguage.code : TemplateLibrary.fallbackLanguage
        let uid = CalendarEvent.uid(forBooking: booking.id)
        switch facts.offer {
        case .course(let course):
            // A course every date of which is a holiday still gets its mail; the calendar then
            // holds its first planned day.
            let event = CalendarEvent(course: course, location: location, calendars: calendars, uid: uid, stamp: booking.updatedAt)
                ?? CalendarEvent(
                    uid: uid, stamp: booking.updatedAt, start: course.firstStart,
                    end: LocalDateTime(date: course.startDate, minutes: course.endTime.minutes), summary: course.title,
                    location: location.name)
            let values = MailValues(
                name: participant.name, offerTitle: course.title, isCourse: true, date: MailFormatting.date(event.start.date),
                time: MailFormatting.time(from: course.startTime.minutes, to: course.endTime.minutes),
                weekdays: MailFormatting.weekdays(course.weekdays, language: language), location: location.name,
                address: location.address, waitlistPosition: nil, organisation: facts.centre.name, contact: facts.centre.contact.line)
            return (values, event)
        case .slot(let slot):
            let title = MailFormatting.service(slot.service)
            let start = zone.local(slot.start)
            let values = MailValues(
                name: participant.name, offerTitle: title, isCourse: false, date: MailFormatting.date(start.date),
                time: MailFormatting.time(from: start.minutes, to: start.minutes + slot.durationMinutes),
                location: location.name, address: location.address, organisation: facts.centre.name, contact: facts.centre.contact.line)
            return (values, CalendarEvent(slot: slot, summary: title, location: location, zone: zone, uid: uid, stamp: booking.updatedAt))
        }
    }
}
