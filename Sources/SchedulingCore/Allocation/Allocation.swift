/// An optimal placement: as many participants as possible, and among those the least total cost.
public struct Allocation: Sendable, Equatable {
    /// Course of each participant, `-1` when unplaced.
    public var courseOf: [Int32]
    /// Number of placed participants.
    public var assigned: Int
    /// Sum of the chosen arcs' costs (no penalty for unplaced participants).
    public var cost: Int64

    /// Creates an allocation from its parts.
    public init(courseOf: [Int32], assigned: Int, cost: Int64) {
        self.courseOf = courseOf
        self.assigned = assigned
        self.cost = cost
    }
}
