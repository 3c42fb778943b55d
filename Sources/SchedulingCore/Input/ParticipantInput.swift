/// A participant as an advice centre registers them.
public struct ParticipantInput: Codable, Sendable, Equatable {
    public var name: String?
    /// Optional: a centre may register someone by phone, or with no contact at all.
    public var email: String?
    public var phone: String?
    public var preferredLanguage: String?
    public var languages: [String]?
    public var gender: String?
    public var district: String?
    public var lat: Double?
    public var lon: Double?
    public var level: String?
    public var needs: NeedsInput?
    public var availability: [String]?
    public var consent: Bool?
    /// The version of the consent text given (`ConsentWording`); the current one when left out.
    public var consentWording: String?
    /// The language the consent text was given in; the preferred language when left out.
    public var consentLanguage: String?
    /// Keep `lat`/`lon` as sent instead of rounding them to about 100 m.
    public var exactLocation: Bool?
    /// Whether providers may tell the centre when the participant stops coming; off unless given.
    public var attendanceConsent: Bool?
    /// When they registered; imports carry it over, the API takes the current time.
    public var registeredAt: String?

    public init(
        name: String? = nil, email: String? = nil, phone: String? = nil, preferredLanguage: String? = nil,
        languages: [String]? = nil, gender: String? = nil, district: String? = nil, lat: Double? = nil,
        lon: Double? = nil, level: String? = nil, needs: NeedsInput? = nil, availability: [String]? = nil,
        consent: Bool? = nil, registeredAt: String? = nil, attendanceConsent: Bool? = nil,
        consentWording: String? = nil, consentLanguage: String? = nil, exactLocation: Bool? = nil
    ) {
        self.name = name
        self.email = email
        self.phone = phone
        self.preferredLanguage = preferredLanguage
        self.languages = languages
        self.gender = gender
        self.district = district
        self.lat = lat
        self.lon = lon
        self.level = level
        self.needs = needs
        self.availability = availability
        self.consent = consent
        self.attendanceConsent = attendanceConsent
        self.registeredAt = registeredAt
        self.consentWording = consentWording
        self.consentLanguage = consentLanguage
        self.exactLocation = exactLocation
    }

    /// The participant, with their consent recorded as given `now` to `recordedBy` (the centre
    /// unless said otherwise).
    public func validated(
        id: String, centreId: String, now: Timestamp, recordedBy: String? = nil, recordedByPerson: String? = nil
    ) throws(ValidationFailure) -> Participant {
        var v = Validator()
        let name = v.text(name, "name")
        let email = v.optionalEmail(email, "email")
        let phone = v.optionalPhone(phone, "phone")
        var preferred: LanguageCode?
        if let code = v.require(preferredLanguage, "preferredLanguage") {
            preferred = LanguageCode(code)
            if preferred == nil {
                v.fail("preferredLanguage", "'\(code)' is not an ISO 639-1 language code (or ISO 639-3 where none exists)")
            }
        }
        // The preferred language is one they speak; listing it again is not required.
        var languages = self.languages == nil ? [] : v.languages(self.languages, "languages") ?? []
        if let preferred, !languages.contains(preferred) { languages.insert(preferred, at: 0) }
        var gender: Gender? = .unspecified
        if let raw = self.gender { gender = v.choice(raw, "gender", Gender.self) }
        let district = v.text(district, "district", maxLength: 100)
        let coordinate = v.coordinate(lat: lat, lon: lon)
        let level = v.choice(level, "level", Level.self)
        let needs = needs?.needs ?? Needs()
        if needs.womenOnly && gender != .female {
            v.fail("needs.womenOnly", "women-only offers take only participants whose gender is female")
        }
        let availability = validatedAvailability(&v)
        if consent != true {
            v.fail("consent", "must be true: personal data is stored only with the participant's consent")
        }
        let wording = consentWording ?? ConsentWording.current
        if !ConsentWording.versions.contains(wording) {
            v.fail("consentWording", "must be a version of the consent text: \(ConsentWording.versions.sorted().joined(separator: ", "))")
        }
        var consentLanguage = preferred
        if let code = self.consentLanguage {
            consentLanguage = LanguageCode(code)
            if consentLanguage == nil { v.fail("consentLanguage", "'\(code)' is not an ISO 639-1 language code (or ISO 639-3 where none exists)") }
        }
        var registered = now
        if let text = registeredAt {
            if let stamp = Timestamp(rfc3339: text) { registered = stamp } else {
                v.fail("registeredAt", "must be an RFC 3339 timestamp with offset")
            }
        }
        try v.finish()
        return Participant(
            id: id, centreId: centreId, name: name!, email: email, phone: phone, preferredLanguage: preferred!,
            languages: languages, gender: gender!, district: district!,
            coordinate: exactLocation == true ? coordinate! : coordinate!.roundedToAbout100Metres,
            level: level!, needs: needs, availability: availability!, registeredAt: registered,
            sharesAttendance: attendanceConsent ?? false,
            consent: ConsentRecord(
                givenAt: now, wordingVersion: wording, language: consentLanguage!, recordedBy: recordedBy ?? centreId,
                recordedByPerson: recordedByPerson),
            exactLocation: exactLocation == true)
    }

    /// Missing availability means any time of day.
    private func validatedAvailability(_ v: inout Validator) -> Set<DayPart>? {
        guard let parts = availability else { return Set(DayPart.allCases) }
        if parts.isEmpty {
            v.fail("availability", "must name at least one of: morning, afternoon, evening")
            return nil
        }
        var set = Set<DayPart>()
        for part in parts {
            guard let known = v.choice(part, "availability", DayPart.self) else { return nil }
            set.insert(known)
        }
        return set
    }
}

/// A participant's needs as sent; each one left out means "not needed".
public struct NeedsInput: Codable, Sendable, Equatable {
    public var womenOnly: Bool?
    public var childcare: Bool?
    public var stepFree: Bool?

    public init(womenOnly: Bool? = nil, childcare: Bool? = nil, stepFree: Bool? = nil) {
        self.womenOnly = womenOnly
        self.childcare = childcare
        self.stepFree = stepFree
    }

    var needs: Needs {
        Needs(womenOnly: womenOnly ?? false, childcare: childcare ?? false, stepFree: stepFree ?? false)
    }
}
