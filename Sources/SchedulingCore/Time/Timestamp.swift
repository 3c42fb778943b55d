/// An instant, in whole seconds since 1970-01-01T00:00:00Z.
public struct Timestamp: Hashable, Comparable, Sendable, Codable {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// The instant at which `date` and `time` are the wall-clock reading with `offsetMinutes` east of UTC.
    public init(date: LocalDate, minutes: Int, offsetMinutes: Int) {
        secondsSinceEpoch = Int64(date.daysSinceEpoch) * 86_400 + Int64(minutes - offsetMinutes) * 60
    }

    /// Parses RFC 3339 (`2027-01-12T09:00:00+01:00`, `…Z`, optional fraction, which is dropped).
    ///
    /// An offset is required: a time without one cannot be placed on the timeline.
    public init?(rfc3339 text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let date = LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let h = Digits.parse(bytes[11..<13]), let m = Digits.parse(bytes[14..<16]),
              let s = Digits.parse(bytes[17..<19]), h < 24, m < 60, s < 61 else { return nil }
        var i = 19
        if bytes[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > start else { return nil }
        }
        guard i < bytes.count else { return nil }
        let offset: Int
        switch bytes[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == bytes.count else { return nil }
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == bytes.count, bytes[i + 3] == UInt8(ascii: ":"),
                  let oh = Digits.parse(bytes[(i + 1)..<(i + 3)]),
                  let om = Digits.parse(bytes[(i + 4)..<(i + 6)]), oh < 24, om < 60 else { return nil }
            offset = (bytes[i] == UInt8(ascii: "-") ? -1 : 1) * (oh * 60 + om)
        default:
            return nil
        }
        self.init(date: date, minutes: h * 60 + m, offsetMinutes: offset)
        self = Timestamp(secondsSinceEpoch: secondsSinceEpoch + Int64(min(s, 59)))
    }

    public func adding(seconds: Int64) -> Timestamp {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    /// RFC 3339 with the given offset, e.g. `2027-01-12T09:00:00+01:00`.
    public func rfc3339(offsetMinutes: Int) -> String {
        let local = secondsSinceEpoch + Int64(offsetMinutes) * 60
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let secondOfDay = Int(local - Int64(days) * 86_400)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let off = abs(offsetMinutes)
        return LocalDate(daysSinceEpoch: days).description + "T"
            + Digits.pad(secondOfDay / 3600, 2) + ":" + Digits.pad(secondOfDay / 60 % 60, 2) + ":"
            + Digits.pad(secondOfDay % 60, 2)
            + (offsetMinutes == 0 ? "Z" : sign + Digits.pad(off / 60, 2) + ":" + Digits.pad(off % 60, 2))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}
