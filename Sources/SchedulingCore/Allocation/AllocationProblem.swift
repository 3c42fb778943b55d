/// A batch-allocation problem in flat CSR form.
///
/// Participant `i` may be placed in course `arcCourse[a]` at cost `arcCost[a]` for every
/// `a` in `arcStart[i]..<arcStart[i+1]`. Each participant takes at most one course and
/// course `j` takes at most `capacities[j]` participants.
public struct AllocationProblem: Sendable {
    /// Seats per course; course `j` is index `j`.
    public var capacities: [Int32]
    /// `participantCount + 1` offsets into `arcCourse`/`arcCost`, starting at 0.
    public var arcStart: [Int32]
    /// Course index of each arc.
    public var arcCourse: [Int32]
    /// Non-negative cost of each arc.
    public var arcCost: [Int64]

    /// Validates and stores a problem; throws ``AllocationError`` naming the first defect.
    ///
    /// Arcs need not be sorted or unique. Costs are bounded so that every intermediate
    /// value of the solver (penalties for unplaced participants included) fits in `Int64`.
    public init(capacities: [Int32], arcStart: [Int32], arcCourse: [Int32], arcCost: [Int64]) throws {
        guard let first = arcStart.first, first == 0 else {
            throw AllocationError("arcStart must have participantCount + 1 entries starting at 0")
        }
        guard arcCourse.count == arcCost.count else {
            throw AllocationError("arcCourse has \(arcCourse.count) entries but arcCost has \(arcCost.count)")
        }
        guard Int(arcStart[arcStart.count - 1]) == arcCourse.count else {
            throw AllocationError("arcStart ends at \(arcStart[arcStart.count - 1]) but there are \(arcCourse.count) arcs")
        }
        for i in 0..<(arcStart.count - 1) where arcStart[i] > arcStart[i + 1] {
            throw AllocationError("arcStart decreases at participant \(i)")
        }
        for (j, capacity) in capacities.enumerated() where capacity < 0 {
            throw AllocationError("course \(j) has negative capacity \(capacity)")
        }
        let courseCount = Int32(truncatingIfNeeded: capacities.count)
        var maxCost: Int64 = 0
        for i in 0..<(arcStart.count - 1) {
            for a in Int(arcStart[i])..<Int(arcStart[i + 1]) {
                let course = arcCourse[a]
                guard course >= 0, course < courseCount else {
                    throw AllocationError("participant \(i) arc \(a - Int(arcStart[i])) names course \(course), outside 0..<\(capacities.count)")
                }
                let cost = arcCost[a]
                guard cost >= 0 else {
                    throw AllocationError("participant \(i) arc \(a - Int(arcStart[i])) has negative cost \(cost)")
                }
                maxCost = max(maxCost, cost)
            }
        }
        let participantCount = arcStart.count - 1
        guard AllocationProblem.unassignedPenalty(
            participants: participantCount, courses: capacities.count, maxArcCost: maxCost) != nil
        else {
            throw AllocationError("arc costs up to \(maxCost) are too large for \(participantCount) participants")
        }
        self.capacities = capacities
        self.arcStart = arcStart
        self.arcCourse = arcCourse
        self.arcCost = arcCost
    }

    /// Number of participants.
    public var participantCount: Int { arcStart.count - 1 }

    /// Number of courses.
    public var courseCount: Int { capacities.count }

    /// The penalty for leaving a participant unplaced: `min(P, C) * maxArcCost + 1` exceeds
    /// the cost any augmenting path can add, so minimising cost plus penalties places as many
    /// as possible first. Nil when the solver's potentials (bounded by about
    /// `(P + 1) * penalty * 2`) could overflow `Int64`.
    static func unassignedPenalty(participants: Int, courses: Int, maxArcCost: Int64) -> Int64? {
        let (scaled, o1) = Int64(min(participants, courses)).multipliedReportingOverflow(by: maxArcCost)
        guard !o1 else { return nil }
        let penalty = scaled + 1
        let (bound, o2) = penalty.multipliedReportingOverflow(by: Int64(participants + 1) * 4)
        guard !o2, bound < Int64.max / 2 else { return nil }
        return penalty
    }
}
