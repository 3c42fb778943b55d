/// One person at one session, as the attendance lists of integration-course providers mark it.
public enum AttendanceCode: String, CaseIterable, Sendable, Codable {
    /// `X`: present.
    case present = "X"
    /// `E`: absent with an excuse.
    case excused = "E"
    /// `U`: absent without an excuse; what the no-show rule counts.
    case absent = "U"
    /// `W`: changed to another provider.
    case changedProvider = "W"
    /// `P`: at a work placement, which counts as taking part.
    case placement = "P"

    /// Took part in the session (in the room or at the placement).
    public var attended: Bool { self == .present || self == .placement }

    /// Counts towards the attendance rate: everything but a change of provider, after which the
    /// course is no longer theirs to attend.
    public var countsTowardsRate: Bool { self != .changedProvider }
}
