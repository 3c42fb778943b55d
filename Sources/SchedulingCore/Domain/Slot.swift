/// One counselling appointment an advice centre offers: taken by one participant at most.
public struct Slot: Hashable, Sendable {
    public let id: String
    public let centreId: String
    public var locationId: String
    public var start: Timestamp
    public var durationMinutes: Int
    public var service: ServiceKind
    /// The languages the counsellor offers, in the order the centre lists them.
    public var languages: [LanguageCode]
    public var womenOnly: Bool
    public var counsellor: String
    /// Participants may cancel or move it themselves until this many hours before it starts.
    public var cancelUntilHours: Int

    public init(
        id: String, centreId: String, locationId: String, start: Timestamp, durationMinutes: Int,
        service: ServiceKind, languages: [LanguageCode], womenOnly: Bool, counsellor: String,
        cancelUntilHours: Int = NoticeWindow.defaultHours
    ) {
        self.id = id
        self.centreId = centreId
        self.locationId = locationId
        self.start = start
        self.durationMinutes = durationMinutes
        self.service = service
        self.languages = languages
        self.womenOnly = womenOnly
        self.counsellor = counsellor
        self.cancelUntilHours = cancelUntilHours
    }

    public var end: Timestamp {
        start.adding(seconds: Int64(durationMinutes) * 60)
    }

    /// When the appointment takes place in the city's local time, for overlap checks.
    public func schedule(in zone: CivilZone) -> Schedule {
        let local = zone.local(start)
        // An appointment running past midnight is cut there; counselling does not happen at night.
        return .once(on: local.date, minutes: local.minutes..<min(24 * 60, local.minutes + durationMinutes))
    }
}
