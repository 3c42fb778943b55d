/// A new staff member as they fill in their invitation, before their password is hashed.
public struct StaffAccountInput: Sendable {
    public var name: String?
    public var email: String?

    public init(name: String?, email: String?) {
        self.name = name
        self.email = email
    }

    /// Name and sign-in address, checked like every text field; the address as typed.
    public func validated() throws(ValidationFailure) -> (name: String, email: String) {
        var v = Validator()
        let name = v.text(name, "name")
        let email = v.optionalEmail(email, "email")
        if email == nil, !v.errors.contains(where: { $0.field == "email" }) { v.fail("email", "is required") }
        try v.finish()
        return (name!, email!)
    }
}

/// An API token as an organisation's admin asks for it.
public struct APITokenInput: Sendable {
    public var name: String?
    public var expiresAt: Timestamp?
    /// Tokens made over the API or the pages expire within two years: a forgotten integration
    /// then stops working instead of staying open for ever.
    public static let longestLifetime: Int64 = 2 * 366 * 24 * 3600

    public init(name: String?, expiresAt: Timestamp?) {
        self.name = name
        self.expiresAt = expiresAt
    }

    /// `notAfter`, the expiry of the token that asks: a token cannot outlive the one that made
    /// it, so a leaked short-lived token mints no long-lived ones.
    public func validated(now: Timestamp, notAfter: Timestamp? = nil) throws(ValidationFailure) -> (name: String, expiresAt: Timestamp) {
        var v = Validator()
        let name = v.text(name, "name", maxLength: 100)
        if let expiresAt = v.require(expiresAt, "expiresAt") {
            if expiresAt <= now { v.fail("expiresAt", "must be in the future") }
            if expiresAt.secondsSinceEpoch - now.secondsSinceEpoch > Self.longestLifetime {
                v.fail("expiresAt", "must be at most two years from now")
            }
            if let notAfter, expiresAt > notAfter {
                v.fail("expiresAt", "must not be later than the expiry of the token that asks, \(CivilZone.europeBerlin.rfc3339(notAfter))")
            }
        }
        try v.finish()
        return (name!, expiresAt!)
    }
}
