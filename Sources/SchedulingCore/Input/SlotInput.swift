/// A counselling slot as an advice centre sends it.
public struct SlotInput: Codable, Sendable, Equatable {
    public var locationId: String?
    public var start: String?
    public var durationMinutes: Int?
    public var service: String?
    public var languages: [String]?
    public var womenOnly: Bool?
    public var counsellor: String?
    /// Hours before the start until which participants may cancel or move it (default 24).
    public var cancelUntilHours: Int?

    public init(
        locationId: String? = nil, start: String? = nil, durationMinutes: Int? = nil,
        service: String? = nil, languages: [String]? = nil, womenOnly: Bool? = nil, counsellor: String? = nil,
        cancelUntilHours: Int? = nil
    ) {
        self.locationId = locationId
        self.start = start
        self.durationMinutes = durationMinutes
        self.service = service
        self.languages = languages
        self.womenOnly = womenOnly
        self.counsellor = counsellor
        self.cancelUntilHours = cancelUntilHours
    }

    /// No public standard exists for appointment length (domain notes), so any length from five
    /// minutes to a working day is accepted.
    public static let durationRange = 5...480
    public static let yearRange = 2000...2999

    public func validated(id: String, centreId: String) throws(ValidationFailure) -> Slot {
        var v = Validator()
        let locationId = v.text(locationId, "locationId")
        var startsAt: Timestamp?
        if let start = v.require(start, "start") {
            startsAt = Timestamp(rfc3339: start)
            if startsAt == nil {
                v.fail("start", "must be an RFC 3339 timestamp with offset, e.g. 2027-01-12T09:00:00+01:00")
            } else if let year = startsAt.map({ CivilZone.europeBerlin.local($0).date.components.year }), !Self.yearRange.contains(year) {
                // Mails, calendars and pages write the time back as RFC 3339, which has four-digit years.
                v.fail("start", "must be in the years \(Self.yearRange.lowerBound) to \(Self.yearRange.upperBound)")
                startsAt = nil
            }
        }
        if let duration = v.require(durationMinutes, "durationMinutes"), !Self.durationRange.contains(duration) {
            v.fail("durationMinutes", "must be between \(Self.durationRange.lowerBound) and \(Self.durationRange.upperBound)")
        }
        let service = v.choice(service, "service", ServiceKind.self)
        let languages = v.languages(languages, "languages")
        var counsellor = ""
        if self.counsellor != nil {
            counsellor = v.text(self.counsellor, "counsellor") ?? ""
        }
        let notice = v.noticeHours(cancelUntilHours)
        try v.finish()
        return Slot(
            id: id, centreId: centreId, locationId: locationId!, start: startsAt!,
            durationMinutes: durationMinutes!, service: service!, languages: languages!,
            womenOnly: womenOnly ?? false, counsellor: counsellor, cancelUntilHours: notice)
    }
}
