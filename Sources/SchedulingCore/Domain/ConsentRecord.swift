/// How a participant agreed to their data being kept: when, to which wording, in which language,
/// and who recorded it. A data-protection officer asks exactly these four questions.
public struct ConsentRecord: Hashable, Sendable {
    public var givenAt: Timestamp
    /// The version of the consent text the participant was shown or read out (`ConsentWording`).
    public var wordingVersion: String
    /// The language the text was given in.
    public var language: LanguageCode
    /// The organisation whose staff recorded it.
    public var recordedBy: String
    /// The staff account (or, for the API, the token) that recorded it; `nil` for registrations
    /// from before staff had personal accounts, and for imports.
    public var recordedByPerson: String?

    public init(givenAt: Timestamp, wordingVersion: String, language: LanguageCode, recordedBy: String, recordedByPerson: String? = nil) {
        self.givenAt = givenAt
        self.wordingVersion = wordingVersion
        self.language = language
        self.recordedBy = recordedBy
        self.recordedByPerson = recordedByPerson
    }
}

/// The versions of the consent text (docs/data-protection.md holds each one's words). A new
/// wording gets a new version; consent given to an old one stays recorded as such.
public enum ConsentWording {
    public static let current = "2026-12"
    public static let versions: Set<String> = ["2026-12"]
}
