/// A course provider, an advice centre, or the city's administration.
public struct Organisation: Hashable, Sendable {
    public let id: String
    public let kind: OrganisationKind
    public let name: String
    /// How participants reach it; mails and the participant's page name these, never the sender.
    public var contact: OrganisationContact

    public init(id: String, kind: OrganisationKind, name: String, contact: OrganisationContact = OrganisationContact()) {
        self.id = id
        self.kind = kind
        self.name = name
        self.contact = contact
    }
}

/// An organisation's public contact details; an empty field is one it has not given.
public struct OrganisationContact: Hashable, Sendable, Codable {
    public var phone: String
    public var email: String
    /// Street, postcode and town, on one line.
    public var address: String
    /// In the organisation's own words, e.g. "Mo–Do 9–12 Uhr, Di 14–17 Uhr".
    public var openingHours: String

    public init(phone: String = "", email: String = "", address: String = "", openingHours: String = "") {
        self.phone = phone
        self.email = email
        self.address = address
        self.openingHours = openingHours
    }

    public var isEmpty: Bool { phone.isEmpty && email.isEmpty && address.isEmpty && openingHours.isEmpty }

    /// Phone and email on one line, the way a mail names whom to call.
    public var line: String {
        [phone, email].filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
