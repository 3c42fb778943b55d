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
    // Per-search scratch, valid where `stamp[j] == generation` (no clearing between searches).
    let dist: UnsafeMutablePointer<Int64>
    let stamp: UnsafeMutablePointer<UInt32>
    let predPart: UnsafeMutablePointer<Int32>
    let settled: UnsafeMutablePointer<Int32>
    var generation: UInt32 = 0
    var heap: CourseHeap
    var adjacency: CourseAdjacency

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
        dist = .allocate(capacity: courses)
        stamp = .allocate(capacity: courses)
        stamp.initialize(repeating: 0, count: courses)
        predPart = .allocate(capacity: courses)
        settled = .allocate(capacity: courses)
        heap = CourseHeap(courseCount: courses)
        adjacency = CourseAdjacency(courseCount: courses)
    }

    deinit {
        price.deallocate(); load.deallocate(); capacity.deallocate(); slotStart.deallocate()
        slotPart.deallocate(); slotCost.deallocate(); partCourse.deallocate(); partSlot.deallocate()
        dist.deallocate(); stamp.deallocate(); predPart.deallocate()
        settled.deallocate(); heap.deallocate(); adjacency.deallocate()
    }

    /// Brings participant `p` (not yet placed) into the flow along a shortest path: into a free
    /// seat, or unplaced, or displacing a participant who ends up unplaced, whichever is cheapest.
    func place(_ p: Int32) {
        generation &+= 1
        if generation == 0 {
            stamp.update(repeating: 0, count: courseCount)
            generation = 1
        }
        // Locals, not properties, in the hot loop: the optimizer then keeps them in registers.
        let gen = generation, stamp = stamp, dist = dist, predPart = predPart, price = price
        let load = load, capacity = capacity, settled = settled
        var heap = heap
        heap.removeAll()
        @inline(__always) func relax(_ k: Int, _ d: Int64, from: Int32) {
            if stamp[k] != gen {
                stamp[k] = gen
                dist[k] = d
                predPart[k] = from
                heap.push(Int32(truncatingIfNeeded: k), dist: dist)
            } else if d < dist[k] {
                dist[k] = d
                predPart[k] = from
                heap.decrease(Int32(truncatingIfNeeded: k), dist: dist)
            }
        }
        let penalty = graph.penalty
        let first = Int(graph.arcStart[Int(p)]), end = Int(graph.arcStart[Int(p) + 1])
        // p has no incoming residual arc, so any potential making its arcs non-negative works.
        var potentialP = -penalty
        for a in first..<end {
            potentialP = max(potentialP, price[Int(graph.arcCourse[a])] - graph.arcCost[a])
        }
        for a in first..<end {
            let k = Int(graph.arcCourse[a]), c = graph.arcCost[a]
            relax(k, c + potentialP - price[k], from: p)
        }
        var best = penalty + potentialP
        var endCourse = -1
        var bumped: Int32 = -1
        var settledCount = 0
        while let top = heap.popMin(dist: dist) {
            let j = Int(top)
            let d = dist[j]
            if d >= best { break }
            settled[settledCount] = top
            settledCount &+= 1
            if load[j] < capacity[j] {
                best = d
                endCourse = j
                bumped = -1
                break
            }
            if adjacency.dirty[j] {
                let s0 = Int(slotStart[j])
                adjacency.rebuild(j, holders: slotPart + s0, holderCost: slotCost + s0,
                                  holderCount: Int(load[j]), graph: graph)
            }
            let pj = price[j]
            // Unplacing the costliest holder is the cheapest way out of j towards the sink.
            if adjacency.bumpHolder[j] >= 0 {
                let viaBump = d + pj - adjacency.bumpCost[j] + penalty
                if viaBump < best {
                    best = viaBump
                    endCourse = j
                    bumped = adjacency.bumpHolder[j]
                }
            }
            let e0 = adjacency.start(j)
            let target = adjacency.target, weight = adjacency.weight, holder = adjacency.holder
            let dp = d + pj
            for e in e0..<(e0 &+ Int(adjacency.edgeCount[j])) {
                let k = Int(target[e])
                // Potentials keep every term within a few penalties, far from overflow.
                relax(k, dp &+ weight[e] &- price[k], from: holder[e])
            }
        }
        for i in 0..<settledCount {
            let j = Int(settled[i])
            price[j] += dist[j] - best
        }
        self.heap = heap
        if endCourse >= 0 { augment(to: endCourse, bumping: bumped, source: p) }
    }
}
