/// Successive shortest augmenting paths, one participant at a time, searched over course nodes.
///
/// Network: participant → course (cost c), course → sink (capacity), participant → sink
/// (the unplaced penalty). Potentials are kept relative to the sink (`price[sink] == 0`) and
/// only for courses: a placed participant's potential is its course's price minus its arc cost,
/// because that arc is tight. So Dijkstra runs over at most C nodes, expanding a full course
/// through its holders' arcs, and stops at the first course with a free seat. Only settled
/// courses change price (the usual early-termination update), so a search costs what it explores.
final class ShortestAugmentingPathSearch {
    let graph: AllocationGraph
    let courseCount: Int
    /// Potential of each course minus the sink's; never positive, zero while a seat is free.
    let price: UnsafeMutablePointer<Int64>
    let load: UnsafeMutablePointer<Int32>
    let capacity: UnsafeMutablePointer<Int32>
    /// Course j's holders live in `slotPart[slotStart[j] ..< slotStart[j] + load[j]]`.
    let slotStart: UnsafeMutablePointer<Int32>
    let slotPart: UnsafeMutablePointer<Int32>
    let slotCost: UnsafeMutablePointer<Int64>
    let partCourse: UnsafeMutablePointer<Int32>
    let partSlot: UnsafeMutablePointer<Int32>
    /// Per search: tentative distance plus price of each course reached, `Int64.max` elsewhere
    /// (reset after each search, for the courses it touched). Adding the price once per reached
    /// course lets the hot loop compare `key + weight` with one load instead of three.
    let reach: UnsafeMutablePointer<Int64>
    let predPart: UnsafeMutablePointer<Int32>
    /// What entering each reached course costs its `predPart`, relative to the cost of the seat
    /// it leaves (absolute for the source): the path's costs without rereading any arcs.
    let predWeight: UnsafeMutablePointer<Int64>
    /// Courses settled by the current search, and their distances.
    let settled: UnsafeMutablePointer<Int32>
    let settledDist: UnsafeMutablePointer<Int64>
    var heap: CourseHeap
    var adjacency: CourseAdjacency
    /// Contiguous copies of holders' arcs for fast rebuilds; nil for unusual inputs.
    let copies: HolderArcCopies?

    init(graph: AllocationGraph) {
        self.graph = graph
        let courses = graph.capacities.count
        courseCount = courses
        let participants = graph.participantCount
        price = .allocate(capacity: courses)
        price.initialize(repeating: 0, count: courses)
        load = .allocate(capacity: courses)
        load.initialize(repeating: 0, count: courses)
        capacity = .allocate(capacity: courses)
        slotStart = .allocate(capacity: courses + 1)
        // A course never holds more participants than have an arc to it, so seats beyond
        // that need no slot (keeps memory bounded by the arc count for huge capacities).
        let indegree = UnsafeMutablePointer<Int32>.allocate(capacity: courses)
        indegree.initialize(repeating: 0, count: courses)
        let arcCount = Int(graph.arcStart[participants])
        for a in 0..<arcCount { indegree[Int(graph.arcCourse[a])] &+= 1 }
        var seats: Int32 = 0
        for j in 0..<courses {
            capacity[j] = graph.capacities[j]
            slotStart[j] = seats
            seats += min(graph.capacities[j], indegree[j])
        }
        slotStart[courses] = seats
        indegree.deallocate()
        slotPart = .allocate(capacity: Int(seats))
        slotCost = .allocate(capacity: Int(seats))
        partCourse = .allocate(capacity: participants)
        partCourse.initialize(repeating: -1, count: participants)
        partSlot = .allocate(capacity: participants)
        partSlot.initialize(repeating: -1, count: participants)
        reach = .allocate(capacity: courses)
        reach.initialize(repeating: .max, count: courses)
        predPart = .allocate(capacity: courses)
        predWeight = .allocate(capacity: courses)
        settled = .allocate(capacity: courses)
        settledDist = .allocate(capacity: courses)
        heap = CourseHeap(courseCount: courses)
        adjacency = CourseAdjacency(courseCount: courses)
        copies = HolderArcCopies(seats: Int(seats), graph: graph)
    }

    deinit {
        price.deallocate(); load.deallocate(); capacity.deallocate(); slotStart.deallocate()
        slotPart.deallocate(); slotCost.deallocate(); partCourse.deallocate(); partSlot.deallocate()
        reach.deallocate(); predPart.deallocate(); predWeight.deallocate()
        settled.deallocate(); settledDist.deallocate(); heap.deallocate(); adjacency.deallocate(); copies?.deallocate()
    }

    /// Brings participant `p` (not yet placed) into the flow along a shortest path: into a free
    /// seat, or unplaced, or displacing a participant who ends up unplaced, whichever is cheapest.
    func place(_ p: Int32) {
        let first = Int(graph.arcStart[Int(p)]), end = Int(graph.arcStart[Int(p) + 1])
        // p has no incoming residual arc, so any potential making its arcs non-negative works.
        var potentialP = -graph.penalty
        for a in first..<end {
            potentialP = max(potentialP, price[Int(graph.arcCourse[a])] - graph.arcCost[a])
        }
        var start = SearchOutcome(best: graph.penalty + potentialP, endCourse: -1, bumped: -1, settledCount: 0)
        // A free seat p reaches directly ends a path at once: when it is at reduced distance 0,
        // nothing can beat it and no search is needed (the commonest case); otherwise it caps
        // which other arcs are worth seeding.
        for a in first..<end {
            let k = Int(graph.arcCourse[a])
            guard load[k] < capacity[k] else { continue }
            let d = graph.arcCost[a] + potentialP - price[k]
            if d < start.best {
                start.best = d
                start.endCourse = k
                predWeight[k] = graph.arcCost[a]
            }
        }
        if start.endCourse >= 0 { predPart[start.endCourse] = p }
        let outcome: SearchOutcome
        if start.endCourse >= 0 && start.best == 0 {
            outcome = start
        } else {
            for a in first..<end {
                let k = Int(graph.arcCourse[a])
                let d = graph.arcCost[a] + potentialP - price[k]
                // A seed no nearer than the best path would never be settled.
                if d < start.best && load[k] >= capacity[k] { seed(k, d, from: p, cost: graph.arcCost[a]) }
            }
            outcome = settle(from: start)
        }
        finishSearch(outcome)
        if outcome.endCourse >= 0 { augment(to: outcome.endCourse, bumping: outcome.bumped, source: p) }
    }
}
