/// Why a provider releases a participant's seat, as the provider sends it; the participant reads
/// it in their mail.
public struct ReleaseInput: Codable, Sendable, Equatable {
    public var reason: String?

    public init(reason: String?) {
        self.reason = reason
    }

    public static let maximumLength = 500

    public func validated() throws(ValidationFailure) -> String {
        var v = Validator()
        let reason = v.text(reason, "reason", maxLength: Self.maximumLength)
        try v.finish()
        return reason!
    }
}
