/// What a template may say, already formatted for the mail's language.
///
/// Values are plain text. Line breaks in them (a name typed with a newline) are folded into spaces,
/// so a value can never start a new header or paragraph.
public struct MailValues: Sendable, Equatable {
    public var name: String
    public var offerTitle: String
    public var isCourse: Bool
    public var date: String
    public var time: String
    public var weekdays: String
    public var location: String
    public var address: String
    public var waitlistPosition: Int?
    public var organisation: String
    /// Phone and email of the centre; empty when it has given none.
    public var contact: String
    /// The participant's personal link to see, cancel or move the booking.
    public var link: String?
    /// Why the provider released the seat (`released` mails).
    public var reason: String?

    public init(
        name: String, offerTitle: String, isCourse: Bool, date: String, time: String, weekdays: String = "",
        location: String, address: String, waitlistPosition: Int? = nil, organisation: String, contact: String,
        link: String? = nil
    ) {
        self.name = name
        self.offerTitle = offerTitle
        self.isCourse = isCourse
        self.date = date
        self.time = time
        self.weekdays = weekdays
        self.location = location
        self.address = address
        self.waitlistPosition = waitlistPosition
        self.organisation = organisation
        self.contact = contact
        self.link = link
    }

    /// The values as Mustache sees them.
    var context: [String: Any] {
        var context: [String: Any] = [
            "name": name, "offerTitle": offerTitle, "isCourse": isCourse, "date": date, "time": time,
            "weekdays": weekdays, "location": location, "address": address, "organisation": organisation,
            "contact": contact,
        ]
        if let waitlistPosition { context["waitlistPosition"] = String(waitlistPosition) }
        if let link { context["link"] = link }
        if let reason { context["reason"] = reason }
        // An empty string would still open a `{{#contact}}` section.
        if contact.isEmpty { context["contact"] = nil }
        return context.mapValues { value in
            (value as? String).map(MailValues.singleLine) ?? value
        }
    }

    /// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators become spaces.
    static func singleLine(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var changed = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
                scalars.append(" ")
                changed = true
            default:
                scalars.append(scalar)
            }
        }
        return changed ? String(scalars) : text
    }
}
