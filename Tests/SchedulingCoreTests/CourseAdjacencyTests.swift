import Testing
@testable import SchedulingCore

/// `CourseAdjacency.replaceHolder` must leave exactly the edges a full rebuild would compute
/// (same best weight per target, same costliest holder), or mark the course dirty.
@Suite("Course adjacency incremental updates")
struct CourseAdjacencyTests {
    /// Edges of course 0 as target → best weight, plus the bump cost.
    private func snapshot(_ adjacency: CourseAdjacency) -> (edges: [Int32: Int64], bump: Int64) {
        var edges: [Int32: Int64] = [:]
        let base = adjacency.start(0)
        for e in base..<(base + Int(adjacency.edgeCount[0])) {
            #expect(edges[adjacency.target[e]] == nil, "duplicate target")
            edges[adjacency.target[e]] = adjacency.weight[e]
        }
        return (edges, adjacency.bumpCost[0])
    }

    @Test("random holder swaps match a rebuild from scratch", arguments: 0..<60)
    func matchesRebuild(seed: Int) throws {
        var rng = SplitMix64(state: 77_000 + UInt64(seed))
        let participants = rng.int(4...14), courses = rng.int(2...7)
        // Every participant may sit in course 0 (first arc); others are random, parallel arcs allowed.
        var arcStart: [Int32] = [0], arcCourse: [Int32] = [], arcCost: [Int64] = []
        for _ in 0..<participants {
            arcCourse.append(0); arcCost.append(Int64(rng.int(0...30)))
            for _ in 0..<rng.int(0...5) {
                arcCourse.append(Int32(rng.int(0...(courses - 1)))); arcCost.append(Int64(rng.int(0...30)))
            }
            arcStart.append(Int32(arcCourse.count))
        }
        let seats = rng.int(1...min(4, participants))
        let problem = try AllocationProblem(capacities: [Int32](repeating: Int32(seats), count: courses),
                                            arcStart: arcStart, arcCourse: arcCourse, arcCost: arcCost)
        problem.arcStart.withUnsafeBufferPointer { start in
            problem.arcCourse.withUnsafeBufferPointer { course in
                problem.arcCost.withUnsafeBufferPointer { cost in
                    let graph = AllocationGraph(participantCount: participants, capacities: problem.capacities,
                                                arcStart: start.baseAddress!, arcCourse: course.baseAddress!,
                                                arcCost: cost.baseAddress!, penalty: 1000)
                    guard let copies = HolderArcCopies(seats: seats, graph: graph) else {
                        Issue.record("copies expected for small costs")
                        return
                    }
                    defer { copies.deallocate() }
                    var holders = (0..<seats).map { Int32($0) }
                    var holderCost = [Int64](repeating: 0, count: seats)
                    func seat(_ s: Int, _ x: Int32) {
                        holders[s] = x
                        var best = Int64.max
                        for a in Int(start[Int(x)])..<Int(start[Int(x) + 1]) where course[a] == 0 { best = min(best, cost[a]) }
                        holderCost[s] = best
                        copies.store(x, inSeat: s, graph: graph)
                    }
                    for s in 0..<seats { seat(s, Int32(s)) }
                    var incremental = CourseAdjacency(courseCount: courses)
                    defer { incremental.deallocate() }
                    holders.withUnsafeMutableBufferPointer { h in
                        holderCost.withUnsafeMutableBufferPointer { c in
                            incremental.rebuild(0, holders: h.baseAddress!, holderCost: c.baseAddress!, holderCount: seats,
                                                firstSeat: 0, copies: copies, graph: graph)
                        }
                    }
                    for _ in 0..<25 {
                        let s = rng.int(0...(seats - 1))
                        let outside = (0..<Int32(participants)).filter { !holders.contains($0) }
                        guard let x = outside.isEmpty ? nil : outside[rng.int(0...(outside.count - 1))] else { break }
                        let leaving = holders[s]
                        seat(s, x)
                        // Sometimes several changes pile up (stale edges included) before a refresh.
                        let check = rng.int(0...2) > 0
                        holders.withUnsafeMutableBufferPointer { h in
                            holderCost.withUnsafeMutableBufferPointer { c in
                                incremental.replaceHolder(
                                    0, leaving: leaving, entering: x, enteringCost: c[s],
                                    arcs: UnsafeBufferPointer(start: copies.packed + s * copies.stride, count: Int(copies.count[s])),
                                    holders: h.baseAddress!, holderCost: c.baseAddress!, holderCount: seats)
                                if !check {
                                    return
                                } else if incremental.dirty[0] {
                                    incremental.rebuild(0, holders: h.baseAddress!, holderCost: c.baseAddress!,
                                                        holderCount: seats, firstSeat: 0, copies: copies, graph: graph)
                                } else if incremental.stale[0] {
                                    incremental.refreshStaleEdges(0, holders: h.baseAddress!, holderCost: c.baseAddress!,
                                                                  holderCount: seats, firstSeat: 0, copies: copies)
                                }
                            }
                        }
                        guard check else { continue }
                        var fresh = CourseAdjacency(courseCount: courses)
                        defer { fresh.deallocate() }
                        holders.withUnsafeMutableBufferPointer { h in
                            holderCost.withUnsafeMutableBufferPointer { c in
                                fresh.rebuild(0, holders: h.baseAddress!, holderCost: c.baseAddress!, holderCount: seats,
                                              firstSeat: 0, copies: nil, graph: graph)
                            }
                        }
                        let got = snapshot(incremental), want = snapshot(fresh)
                        #expect(got.edges == want.edges, "seed \(seed)")
                        #expect(got.bump == want.bump, "seed \(seed)")
                    }
                }
            }
        }
    }

    @Test("ordered scan lists hold every edge once, with non-decreasing bounds that survive price falls",
          arguments: 0..<40)
    func orderedBoundsStayValid(seed: Int) throws {
        var rng = SplitMix64(state: 91_000 + UInt64(seed))
        let courses = rng.int(2...9), holderCount = rng.int(1...8)
        var arcStart: [Int32] = [0], arcCourse: [Int32] = [], arcCost: [Int64] = []
        for _ in 0..<holderCount {
            arcCourse.append(0); arcCost.append(Int64(rng.int(0...200)))
            for _ in 0..<rng.int(0...8) {
                arcCourse.append(Int32(rng.int(0...(courses - 1)))); arcCost.append(Int64(rng.int(0...200)))
            }
            arcStart.append(Int32(arcCourse.count))
        }
        var holders = (0..<Int32(holderCount)).map { $0 }
        var holderCost = (0..<holderCount).map { i in
            (Int(arcStart[i])..<Int(arcStart[i + 1])).filter { arcCourse[$0] == 0 }.map { arcCost[$0] }.min()!
        }
        // The graph borrows these for the whole test.
        let start = UnsafeMutablePointer<Int32>.allocate(capacity: arcStart.count)
        let course = UnsafeMutablePointer<Int32>.allocate(capacity: max(arcCourse.count, 1))
        let cost = UnsafeMutablePointer<Int64>.allocate(capacity: max(arcCost.count, 1))
        defer { start.deallocate(); course.deallocate(); cost.deallocate() }
        start.initialize(from: arcStart, count: arcStart.count)
        course.initialize(from: arcCourse, count: arcCourse.count)
        cost.initialize(from: arcCost, count: arcCost.count)
        let graph = AllocationGraph(participantCount: holderCount, capacities: [Int32](repeating: 1, count: courses),
                                    arcStart: start, arcCourse: course, arcCost: cost, penalty: 10_000)
        var adjacency = CourseAdjacency(courseCount: courses)
        defer { adjacency.deallocate() }
        holders.withUnsafeMutableBufferPointer { h in
            holderCost.withUnsafeMutableBufferPointer { c in
                adjacency.rebuild(0, holders: h.baseAddress!, holderCost: c.baseAddress!, holderCount: holderCount,
                                  firstSeat: 0, copies: nil, graph: graph)
            }
        }
        // Prices that make every edge's reduced weight non-negative, as the solver keeps them.
        let base = adjacency.start(0), n = Int(adjacency.edgeCount[0])
        var price = [Int64](repeating: 0, count: courses)
        for e in base..<(base + n) {
            let k = Int(adjacency.target[e])
            price[k] = min(price[k], adjacency.weight[e] - Int64(rng.int(0...150)))
        }
        price.withUnsafeMutableBufferPointer { adjacency.orderEdges(0, price: $0.baseAddress!) }
        var listed: [Int32: (Int32, Int64)] = [:]
        for e in base..<(base + n) {
            let packed = adjacency.scanEdge[e]
            let k = Int32(truncatingIfNeeded: packed & 0xFFFF_FFFF), q = Int32(truncatingIfNeeded: packed >> 32)
            #expect(listed[k] == nil, "seed \(seed): target listed twice")
            listed[k] = (q, adjacency.scanWeight[e])
            if e > base { #expect(adjacency.bound[e - 1] <= adjacency.bound[e], "seed \(seed)") }
        }
        for e in base..<(base + n) {
            #expect(listed[adjacency.target[e]]?.0 == adjacency.holder[e], "seed \(seed)")
            #expect(listed[adjacency.target[e]]?.1 == adjacency.weight[e], "seed \(seed)")
        }
        for _ in 0..<3 {
            for k in 1..<courses { price[k] -= Int64(rng.int(0...40)) }
            for e in base..<(base + n) {
                let k = Int(truncatingIfNeeded: adjacency.scanEdge[e] & 0xFFFF_FFFF)
                #expect(adjacency.bound[e] <= adjacency.scanWeight[e] - price[k], "seed \(seed)")
            }
        }
    }
}
