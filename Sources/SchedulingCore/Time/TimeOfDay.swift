/// A wall-clock time of day in whole minutes since midnight (`HH:MM`).
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0..<24 * 60).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// Parses `HH:MM` (24-hour clock) strictly.
    public init?(text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              let h = Digits.parse(bytes[0..<2]), let m = Digits.parse(bytes[3..<5]) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var dayPart: DayPart {
        DayPart(startingAt: minutes)
    }

    public var description: String {
        Digits.pad(minutes / 60, 2) + ":" + Digits.pad(minutes % 60, 2)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutes < rhs.minutes
    }
}

/// The part of the day a participant can attend: morning before 12:00, afternoon until 17:00,
/// evening after that.
public enum DayPart: String, CaseIterable, Sendable {
    case morning, afternoon, evening

    public init(startingAt minutes: Int) {
        switch minutes {
        case ..<(12 * 60): self = .morning
        case ..<(17 * 60): self = .afternoon
        default: self = .evening
        }
    }
}
