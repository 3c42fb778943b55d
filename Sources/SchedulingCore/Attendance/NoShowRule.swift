/// When a course booking counts as at risk of being lost: by default absent without excuse (`U`)
/// at the first two sessions the person was marked at, or at three sessions in a row. A city sets
/// its own numbers; 0 turns a part off.
///
/// Only recorded sessions count, in date order: someone promoted from the waiting list midway is
/// judged by their own first sessions, and a session nobody marked neither breaks nor extends a run.
public struct NoShowRule: Hashable, Sendable, CustomStringConvertible {
    /// `U` at each of this many first marked sessions.
    public let firstSessions: Int
    /// `U` at this many marked sessions in a row; an excuse or presence ends the run.
    public let inARow: Int

    public static let standard = NoShowRule(firstSessions: 2, inARow: 3)!
    public static let range = 0...20

    public init?(firstSessions: Int, inARow: Int) {
        guard Self.range.contains(firstSessions), Self.range.contains(inARow) else { return nil }
        self.firstSessions = firstSessions
        self.inARow = inARow
    }

    /// Whether `codes`, one booking's marks in session order, put it at risk.
    public func isAtRisk(_ codes: [AttendanceCode]) -> Bool {
        if firstSessions > 0, codes.count >= firstSessions, codes.prefix(firstSessions).allSatisfy({ $0 == .absent }) {
            return true
        }
        guard inARow > 0 else { return false }
        var run = 0
        for code in codes {
            run = code == .absent ? run + 1 : 0
            if run >= inARow { return true }
        }
        return false
    }

    public var description: String {
        "absent without excuse at the first \(firstSessions) sessions or at \(inARow) in a row"
    }
}
