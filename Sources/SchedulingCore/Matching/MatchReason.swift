/// One reason a match ranks where it does, or a need it meets: a stable code for programs and the
/// same sentence in German and English, with the concrete numbers, for people.
public struct MatchReason: Sendable, Hashable {
    public enum Code: String, CaseIterable, Sendable {
        case distance
        case startsSoon = "starts-soon"
        case timeOfDayFit = "time-of-day-fit"
        case firstLanguage = "first-language"
        case sharedLanguage = "shared-language"
        case childcare
        case stepFree = "step-free"
        case womenOnly = "women-only"
    }

    public let code: Code
    public let german: String
    public let english: String

    public init(code: Code, german: String, english: String) {
        self.code = code
        self.german = german
        self.english = english
    }

    /// "2,3 km entfernt" / "2.3 km away".
    public static func distance(km: Double) -> MatchReason {
        let tenths = Int((max(0, km) * 10).rounded())
        let whole = tenths / 10
        let fraction = tenths % 10
        return MatchReason(
            code: .distance, german: "\(whole),\(fraction) km entfernt", english: "\(whole).\(fraction) km away")
    }

    /// "beginnt in 5 Tagen" / "starts in 5 days".
    public static func starts(inDays days: Int) -> MatchReason {
        switch days {
        case ...0: MatchReason(code: .startsSoon, german: "beginnt heute", english: "starts today")
        case 1: MatchReason(code: .startsSoon, german: "beginnt morgen", english: "starts tomorrow")
        default: MatchReason(code: .startsSoon, german: "beginnt in \(days) Tagen", english: "starts in \(days) days")
        }
    }

    /// "beginnt um 09:00, vormittags – passt zu Ihren Zeiten" /
    /// "starts at 09:00, in the morning – when you are free".
    public static func timeOfDayFit(startMinutes: Int) -> MatchReason {
        let time = TimeOfDay(minutes: startMinutes).map(\.description) ?? "\(startMinutes / 60):00"
        let (german, english): (String, String) =
            switch DayPart(startingAt: startMinutes) {
            case .morning: ("vormittags", "in the morning")
            case .afternoon: ("nachmittags", "in the afternoon")
            case .evening: ("abends", "in the evening")
            }
        return MatchReason(
            code: .timeOfDayFit, german: "beginnt um \(time), \(german) – passt zu Ihren Zeiten",
            english: "starts at \(time), \(english) – when you are free")
    }

    /// Counselling in the participant's first language, or in a later one they listed (`rank` from 0).
    public static func counselling(in language: LanguageCode, rank: Int) -> MatchReason {
        let names = LanguageNames.names(of: language)
        if rank == 0 {
            return MatchReason(
                code: .firstLanguage, german: "Beratung auf \(names.german), Ihrer ersten Sprache",
                english: "counselling in \(names.english), your first language")
        }
        return MatchReason(
            code: .sharedLanguage, german: "Beratung auf \(names.german), Ihrer \(rank + 1). Sprache",
            english: "counselling in \(names.english), your \(ordinal(rank + 1)) language")
    }

    public static let childcare = MatchReason(
        code: .childcare, german: "mit Kinderbetreuung", english: "childcare provided")
    public static let stepFree = MatchReason(
        code: .stepFree, german: "stufenlos erreichbar", english: "step-free access")
    public static let womenOnly = MatchReason(code: .womenOnly, german: "nur für Frauen", english: "for women only")

    static func ordinal(_ n: Int) -> String {
        let suffix =
            switch (n % 10, n % 100) {
            case (1, let h) where h != 11: "st"
            case (2, let h) where h != 12: "nd"
            case (3, let h) where h != 13: "rd"
            default: "th"
            }
        return "\(n)\(suffix)"
    }
}
