import Foundation

/// One mail to one participant: structured values only, rendered by `rendered()`.
///
/// Nothing here is pasted into the header block as-is: text headers are stripped of
/// control characters and RFC 2047-encoded when not plain ASCII, and tokens (Message-ID,
/// language, filename) are reduced to the characters their grammar allows.
public struct MailMessage: Sendable, Hashable {
    /// The `From:` mailbox.
    public var from: MailAddress
    /// The `To:` mailbox; the SMTP envelope recipients are passed separately to `send`.
    public var to: MailAddress
    /// The subject, any Unicode.
    public var subject: String
    /// The `Date:` header, written in UTC.
    public var date: Date
    /// The `Message-ID:` with angle brackets, see `messageId(outboxId:domain:)`.
    public var messageId: String
    /// The plain-text alternative.
    public var textBody: String
    /// The HTML body *fragment* (already escaped by the template); it is wrapped in a
    /// document carrying `lang` and `dir`.
    public var htmlBody: String
    /// BCP 47 language tag (`de`, `tr`, `ar`), used for `Content-Language` and `<html lang>`.
    public var languageCode: String
    /// Whether the HTML is written right to left (`dir="rtl"`).
    public var isRightToLeft: Bool
    /// An optional iCalendar invitation or cancellation.
    public var calendar: CalendarAttachment?

    /// Creates a message; see the properties for the meaning of each value.
    public init(
        from: MailAddress, to: MailAddress, subject: String, date: Date, messageId: String,
        textBody: String, htmlBody: String, languageCode: String, isRightToLeft: Bool = false,
        calendar: CalendarAttachment? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageId = messageId
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.languageCode = languageCode
        self.isRightToLeft = isRightToLeft
        self.calendar = calendar
    }

    /// The Message-ID for an outbox row, e.g. `<outbox-42@wegweiser.example.org>`.
    ///
    /// Derived from the row id so a resend after a crash carries the same id and the
    /// receiving side can recognise the duplicate.
    /// - SeeAlso: RFC 5322 §3.6.4 (msg-id).
    public static func messageId(outboxId: Int64, domain: String) -> String {
        "<outbox-\(outboxId)@\(HeaderText.token(domain, excluding: "<>@"))>"
    }
}

/// A `text/calendar` part, sent as an attachment with an iTIP method.
/// - SeeAlso: RFC 6047 (iMIP) §2.4, RFC 5546 (iTIP) §1.4 (methods).
public struct CalendarAttachment: Sendable, Hashable {
    /// The iTIP method, which must match the `METHOD:` property inside the calendar.
    public enum Method: String, Sendable, Hashable {
        /// A new or updated invitation.
        case request = "REQUEST"
        /// A cancelled event.
        case cancel = "CANCEL"
    }

    /// The complete VCALENDAR text, lines ending in CRLF.
    public var text: String
    /// The iTIP method.
    public var method: Method
    /// The attachment file name; characters outside `[A-Za-z0-9._-]` are dropped.
    public var filename: String

    /// Creates an attachment; the file name defaults to `invite.ics`.
    public init(text: String, method: Method, filename: String = "invite.ics") {
        self.text = text
        self.method = method
        self.filename = filename
    }
}
