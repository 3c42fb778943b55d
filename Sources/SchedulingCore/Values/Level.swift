/// A CEFR level, with `none` for people who cannot yet read or write German at all.
public enum Level: String, CaseIterable, Sendable, Comparable {
    case none, a1 = "A1", a2 = "A2", b1 = "B1", b2 = "B2", c1 = "C1", c2 = "C2"

    /// The level a course one step up teaches; `nil` above C2.
    public var next: Level? {
        let all = Level.allCases
        let i = all.firstIndex(of: self)!
        return i + 1 < all.count ? all[i + 1] : nil
    }

    public static func < (lhs: Level, rhs: Level) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
