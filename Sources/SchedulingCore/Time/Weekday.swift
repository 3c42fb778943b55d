/// A day of the week, written as in RFC 5545 (`MO` … `SU`).
public enum Weekday: String, CaseIterable, Sendable, Comparable {
    case monday = "MO", tuesday = "TU", wednesday = "WE", thursday = "TH", friday = "FR"
    case saturday = "SA", sunday = "SU"

    /// 0 for Monday … 6 for Sunday.
    public var index: Int {
        Weekday.allCases.firstIndex(of: self)!
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        lhs.index < rhs.index
    }
}

/// A set of weekdays as a bit mask: membership tests on the session and overlap paths stay cheap.
public struct WeekdaySet: Hashable, Sendable, Sequence {
    /// Bit 0 is Monday … bit 6 Sunday.
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue & 0x7F
    }

    public init(_ days: some Sequence<Weekday>) {
        self.init(rawValue: days.reduce(0) { $0 | (1 << UInt8($1.index)) })
    }

    public func contains(_ day: Weekday) -> Bool {
        rawValue & (1 << UInt8(day.index)) != 0
    }

    public func intersection(_ other: WeekdaySet) -> WeekdaySet {
        WeekdaySet(rawValue: rawValue & other.rawValue)
    }

    public var isEmpty: Bool { rawValue == 0 }

    public func makeIterator() -> IndexingIterator<[Weekday]> {
        Weekday.allCases.filter { contains($0) }.makeIterator()
    }

    /// The RFC 5545 codes in week order (`MO`, `WE`).
    public var codes: [String] {
        map(\.rawValue)
    }
}
