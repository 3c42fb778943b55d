/// An organisation's contact details as it sends them; every field may be left out or blank.
public struct OrganisationContactInput: Codable, Sendable, Equatable {
    public var phone: String?
    public var email: String?
    public var address: String?
    public var openingHours: String?

    public init(phone: String? = nil, email: String? = nil, address: String? = nil, openingHours: String? = nil) {
        self.phone = phone
        self.email = email
        self.address = address
        self.openingHours = openingHours
    }

    public func validated() throws(ValidationFailure) -> OrganisationContact {
        var v = Validator()
        let phone = v.optionalPhone(phone, "phone") ?? ""
        let email = v.optionalEmail(email, "email") ?? ""
        let address = v.optionalText(address, "address", maxLength: 200) ?? ""
        let hours = v.optionalText(openingHours, "openingHours", maxLength: 300) ?? ""
        try v.finish()
        return OrganisationContact(phone: phone, email: email, address: address, openingHours: hours)
    }
}

extension Validator {
    /// Blank counts as not given.
    mutating func optionalText(_ value: String?, _ field: String, maxLength: Int) -> String? {
        guard let value, !value.trimmingWhitespace.isEmpty else { return nil }
        return text(value, field, maxLength: maxLength)
    }

    /// Digits with the usual separators and an optional leading `+`: what can be dialled.
    mutating func optionalPhone(_ value: String?, _ field: String) -> String? {
        guard let phone = optionalText(value, field, maxLength: 40) else { return nil }
        let allowed = Set("0123456789 +-/()")
        guard phone.allSatisfy({ allowed.contains($0) }), phone.filter(\.isNumber).count >= 3,
              !phone.dropFirst().contains("+") else {
            fail(field, "must be a phone number of digits, spaces and + - / ( ), such as +49 203 283-0")
            return nil
        }
        return phone
    }

    mutating func noticeHours(_ value: Int?) -> Int {
        guard let value else { return NoticeWindow.defaultHours }
        guard NoticeWindow.hoursRange.contains(value) else {
            between(value, NoticeWindow.hoursRange, "cancelUntilHours", unit: " hours")
            return NoticeWindow.defaultHours
        }
        return value
    }

    mutating func optionalEmail(_ value: String?, _ field: String) -> String? {
        guard let email = optionalText(value, field, maxLength: 254) else { return nil }
        guard EmailAddress.isValid(email) else {
            fail(field, "must be an email address such as name@example.org")
            return nil
        }
        return email
    }
}
