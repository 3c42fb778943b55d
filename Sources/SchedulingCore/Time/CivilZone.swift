/// A wall-clock local time: a date and minutes since its midnight.
public struct LocalDateTime: Hashable, Comparable, Sendable {
    public let date: LocalDate
    public let minutes: Int

    public init(date: LocalDate, minutes: Int) {
        self.date = date
        self.minutes = minutes
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.minutes) < (rhs.date, rhs.minutes)
    }
}

/// The civil time zone the city lives in, as a pure rule rather than a tz database lookup.
///
/// Every German city keeps Central European Time with EU summer time (last Sunday of March to
/// last Sunday of October, switching at 01:00 UTC), so the rule is exact for the places Wegweiser
/// serves, needs no tzdata on the server, and keeps the core free of system state.
public struct CivilZone: Sendable, Equatable {
    /// The zone's name as written into calendars.
    public let identifier: String
    /// Offset east of UTC in winter, in minutes.
    public let standardOffsetMinutes: Int
    /// Whether the EU summer-time rule applies (one hour more from March to October).
    public let observesEUSummerTime: Bool

    public init(identifier: String, standardOffsetMinutes: Int, observesEUSummerTime: Bool) {
        self.identifier = identifier
        self.standardOffsetMinutes = standardOffsetMinutes
        self.observesEUSummerTime = observesEUSummerTime
    }

    public static let europeBerlin = CivilZone(
        identifier: "Europe/Berlin", standardOffsetMinutes: 60, observesEUSummerTime: true)

    /// The offset east of UTC, in minutes, in force at `instant`.
    public func offsetMinutes(at instant: Timestamp) -> Int {
        guard observesEUSummerTime else { return standardOffsetMinutes }
        let days = Int(instant.secondsSinceEpoch >= 0
            ? instant.secondsSinceEpoch / 86_400 : (instant.secondsSinceEpoch - 86_399) / 86_400)
        let year = LocalDate(daysSinceEpoch: days).components.year
        guard let (start, end) = CivilZone.summerTime(in: year) else { return standardOffsetMinutes }
        return instant >= start && instant < end ? standardOffsetMinutes + 60 : standardOffsetMinutes
    }

    public func local(_ instant: Timestamp) -> LocalDateTime {
        let shifted = instant.secondsSinceEpoch + Int64(offsetMinutes(at: instant)) * 60
        let days = Int(shifted >= 0 ? shifted / 86_400 : (shifted - 86_399) / 86_400)
        return LocalDateTime(
            date: LocalDate(daysSinceEpoch: days), minutes: Int(shifted - Int64(days) * 86_400) / 60)
    }

    /// The instant a wall-clock reading denotes. In the skipped spring hour the reading is taken
    /// with the winter offset; in the repeated autumn hour, the first (summer) occurrence wins.
    public func instant(_ local: LocalDateTime) -> Timestamp {
        let summer = Timestamp(date: local.date, minutes: local.minutes, offsetMinutes: standardOffsetMinutes + 60)
        if observesEUSummerTime, offsetMinutes(at: summer) == standardOffsetMinutes + 60 {
            return summer
        }
        return Timestamp(date: local.date, minutes: local.minutes, offsetMinutes: standardOffsetMinutes)
    }

    /// RFC 3339 in this zone's offset at that instant.
    public func rfc3339(_ instant: Timestamp) -> String {
        instant.rfc3339(offsetMinutes: offsetMinutes(at: instant))
    }

    /// Summer time runs from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC;
    /// `nil` for a year outside the calendar's 1 to 9999, where an instant still has an offset.
    static func summerTime(in year: Int) -> (Timestamp, Timestamp)? {
        guard let march = LocalDate(year: year, month: 3, day: 31), let october = LocalDate(year: year, month: 10, day: 31) else { return nil }
        func lastSunday(_ last: LocalDate) -> LocalDate {
            last.adding(days: -((last.weekday.index + 1) % 7))
        }
        return (Timestamp(date: lastSunday(march), minutes: 60, offsetMinutes: 0),
                Timestamp(date: lastSunday(october), minutes: 60, offsetMinutes: 0))
    }
}
