/// A person an advice centre registered, with consent, to find and book offers for.
///
/// There is deliberately no field for where a person comes from: matching follows their situation
/// (language, level, place, needs), nothing else.
public struct Participant: Hashable, Sendable {
    public let id: String
    public let centreId: String
    public var name: String
    /// Where their mail goes; `nil` for someone who reads no email (the centre prints instead).
    public var email: String?
    /// For the centre to call them; never shown to anyone else.
    public var phone: String?
    /// The language their mail is written in.
    public var preferredLanguage: LanguageCode
    /// Languages they speak, first the one they speak best.
    public var languages: [LanguageCode]
    public var gender: Gender
    public var district: String
    /// Where they live, rounded to about 100 m unless `exactLocation`.
    public var coordinate: Coordinate
    /// The centre chose to keep the exact position (someone who cannot walk far, for instance).
    public var exactLocation: Bool
    public var level: Level
    public var needs: Needs
    public var availability: Set<DayPart>
    /// When the centre registered them: longer-waiting people win ties in allocation.
    public var registeredAt: Timestamp
    /// They agreed that course providers tell their centre when they stop coming.
    public var sharesAttendance: Bool
    /// Their consent to being registered; `nil` only for people registered before it was recorded.
    public var consent: ConsentRecord?

    public init(
        id: String, centreId: String, name: String, email: String?, phone: String? = nil, preferredLanguage: LanguageCode,
        languages: [LanguageCode], gender: Gender, district: String, coordinate: Coordinate,
        level: Level, needs: Needs, availability: Set<DayPart>, registeredAt: Timestamp, sharesAttendance: Bool = false,
        consent: ConsentRecord? = nil, exactLocation: Bool = false
    ) {
        self.id = id
        self.centreId = centreId
        self.name = name
        self.email = email
        self.phone = phone
        self.preferredLanguage = preferredLanguage
        self.languages = languages
        self.gender = gender
        self.district = district
        self.coordinate = coordinate
        self.level = level
        self.needs = needs
        self.availability = availability
        self.registeredAt = registeredAt
        self.sharesAttendance = sharesAttendance
        self.consent = consent
        self.exactLocation = exactLocation
    }
}

/// What a participant needs from an offer to be able to take it.
public struct Needs: Hashable, Sendable {
    /// Only offers for women (a choice only a woman can make).
    public var womenOnly: Bool
    /// Childcare during the course.
    public var childcare: Bool
    /// A location without steps.
    public var stepFree: Bool

    public init(womenOnly: Bool = false, childcare: Bool = false, stepFree: Bool = false) {
        self.womenOnly = womenOnly
        self.childcare = childcare
        self.stepFree = stepFree
    }
}
