/// Exact solver for ``AllocationProblem``: places as many participants as possible and,
/// among all such placements, minimises the total arc cost.
public enum AllocationSolver {
    /// Returns an optimal allocation. Deterministic for a given problem.
    public static func solve(_ problem: AllocationProblem) -> Allocation {
        let participants = problem.participantCount
        var maxArcCost: Int64 = 0
        for cost in problem.arcCost { maxArcCost = max(maxArcCost, cost) }
        // AllocationProblem.init already rejected costs for which this is nil.
        let penalty = AllocationProblem.unassignedPenalty(
            participants: participants, courses: problem.courseCount, maxArcCost: maxArcCost) ?? Int64.max / 8
        return problem.arcStart.withUnsafeBufferPointer { arcStart in
            problem.arcCourse.withUnsafeBufferPointer { arcCourse in
                problem.arcCost.withUnsafeBufferPointer { arcCost in
                    let graph = AllocationGraph(
                        participantCount: participants,
                        capacities: problem.capacities,
                        arcStart: arcStart.baseAddress!,
                        arcCourse: arcCourse.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                        arcCost: arcCost.baseAddress ?? UnsafePointer(bitPattern: 8)!,
                        penalty: penalty)
                    let search = ShortestAugmentingPathSearch(graph: graph)
                    for participant in placementOrder(problem) {
                        search.place(participant)
                    }
                    return search.allocation()
                }
            }
        }
    }

    /// Participants with fewer eligible courses first (stable by index): they have the fewest
    /// ways round a full course, and placing them early measurably shortens later searches.
    static func placementOrder(_ problem: AllocationProblem) -> [Int32] {
        let participants = problem.participantCount
        var maxDegree = 0
        for i in 0..<participants {
            maxDegree = max(maxDegree, Int(problem.arcStart[i + 1] - problem.arcStart[i]))
        }
        var bucketStart = [Int](repeating: 0, count: maxDegree + 2)
        for i in 0..<participants { bucketStart[Int(problem.arcStart[i + 1] - problem.arcStart[i]) + 1] += 1 }
        for d in 0..<(maxDegree + 1) { bucketStart[d + 1] += bucketStart[d] }
        var order = [Int32](repeating: 0, count: participants)
        for i in 0..<participants {
            let d = Int(problem.arcStart[i + 1] - problem.arcStart[i])
            order[bucketStart[d]] = Int32(truncatingIfNeeded: i)
            bucketStart[d] += 1
        }
        return order
    }
}

/// Borrowed view of a problem for the duration of one solve.
struct AllocationGraph {
    let participantCount: Int
    let capacities: [Int32]
    let arcStart: UnsafePointer<Int32>
    let arcCourse: UnsafePointer<Int32>
    let arcCost: UnsafePointer<Int64>
    /// Cost of leaving one participant unplaced, large enough to make placing come first.
    let penalty: Int64
}
