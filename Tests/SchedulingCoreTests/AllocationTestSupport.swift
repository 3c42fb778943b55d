@testable import SchedulingCore

extension SplitMix64 {
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

/// Random instance; arcs may repeat a course (with different costs) and courses may have no seats.
func randomProblem(seed: UInt64, participants: ClosedRange<Int>, courses: ClosedRange<Int>,
                   maxDegree: Int, maxCapacity: Int, maxCost: Int) throws -> AllocationProblem {
    var rng = SplitMix64(state: seed)
    let p = rng.int(participants), c = rng.int(courses)
    let capacities = (0..<c).map { _ in Int32(rng.int(0...maxCapacity)) }
    var arcStart: [Int32] = [0], arcCourse: [Int32] = [], arcCost: [Int64] = []
    for _ in 0..<p {
        for _ in 0..<rng.int(0...maxDegree) {
            arcCourse.append(Int32(rng.int(0...(c - 1))))
            arcCost.append(Int64(rng.int(0...maxCost)))
        }
        arcStart.append(Int32(arcCourse.count))
    }
    return try AllocationProblem(capacities: capacities, arcStart: arcStart, arcCourse: arcCourse, arcCost: arcCost)
}

/// Lexicographic optimum (most placed, then least cost) by trying every choice.
func exhaustiveOptimum(_ problem: AllocationProblem) -> (assigned: Int, cost: Int64) {
    var load = [Int32](repeating: 0, count: problem.courseCount)
    var best = (assigned: -1, cost: Int64.max)
    func visit(_ i: Int, _ assigned: Int, _ cost: Int64) {
        if i == problem.participantCount {
            if assigned > best.assigned || (assigned == best.assigned && cost < best.cost) { best = (assigned, cost) }
            return
        }
        visit(i + 1, assigned, cost)
        for a in Int(problem.arcStart[i])..<Int(problem.arcStart[i + 1]) {
            let j = Int(problem.arcCourse[a])
            guard load[j] < problem.capacities[j] else { continue }
            load[j] += 1
            visit(i + 1, assigned + 1, cost + problem.arcCost[a])
            load[j] -= 1
        }
    }
    visit(0, 0, 0)
    return best
}

/// Textbook min-cost flow (successive shortest paths with Bellman-Ford on an explicit
/// residual graph, an "unplaced" arc per participant): slow but independent of the solver.
func bellmanFordOptimum(_ problem: AllocationProblem) -> (assigned: Int, cost: Int64) {
    let p = problem.participantCount, c = problem.courseCount, sink = p + c
    var maxCost: Int64 = 0
    for cost in problem.arcCost { maxCost = max(maxCost, cost) }
    let penalty = Int64(min(p, c)) * maxCost + 1
    var head: [Int] = [], cap: [Int] = [], cost: [Int64] = [], from: [Int] = []
    func addEdge(_ u: Int, _ v: Int, _ capacity: Int, _ w: Int64) {
        from += [u, v]; head += [v, u]; cap += [capacity, 0]; cost += [w, -w]
    }
    for i in 0..<p {
        for a in Int(problem.arcStart[i])..<Int(problem.arcStart[i + 1]) {
            addEdge(i, p + Int(problem.arcCourse[a]), 1, problem.arcCost[a])
        }
        addEdge(i, sink, 1, penalty)
    }
    for j in 0..<c { addEdge(p + j, sink, Int(problem.capacities[j]), 0) }
    for source in 0..<p {
        var dist = [Int64](repeating: Int64.max, count: sink + 1)
        var via = [Int](repeating: -1, count: sink + 1)
        dist[source] = 0
        var changed = true
        while changed {
            changed = false
            for e in 0..<head.count where cap[e] > 0 && dist[from[e]] != Int64.max {
                if dist[from[e]] + cost[e] < dist[head[e]] {
                    dist[head[e]] = dist[from[e]] + cost[e]
                    via[head[e]] = e
                    changed = true
                }
            }
        }
        var v = sink
        while v != source { let e = via[v]; cap[e] -= 1; cap[e ^ 1] += 1; v = from[e] }
    }
    var assigned = 0, total: Int64 = 0
    for e in stride(from: 0, to: head.count, by: 2) where from[e] < p && head[e] < sink && cap[e] == 0 {
        assigned += 1
        total += cost[e]
    }
    return (assigned, total)
}

/// Every placement uses an existing arc and no course exceeds its capacity; the reported
/// totals match the placements.
func isFeasible(_ allocation: Allocation, for problem: AllocationProblem) -> Bool {
    guard allocation.courseOf.count == problem.participantCount else { return false }
    var load = [Int32](repeating: 0, count: problem.courseCount)
    var assigned = 0
    var cheapestTotal: Int64 = 0
    for (i, course) in allocation.courseOf.enumerated() where course >= 0 {
        let arcs = Int(problem.arcStart[i])..<Int(problem.arcStart[i + 1])
        let costs = arcs.filter { problem.arcCourse[$0] == course }.map { problem.arcCost[$0] }
        guard let cheapest = costs.min() else { return false }
        load[Int(course)] += 1
        assigned += 1
        cheapestTotal += cheapest
    }
    guard zip(load, problem.capacities).allSatisfy({ $0 <= $1 }) else { return false }
    // With parallel arcs the solver may only ever use the cheapest one, so this is exact.
    return assigned == allocation.assigned && cheapestTotal == allocation.cost
}
