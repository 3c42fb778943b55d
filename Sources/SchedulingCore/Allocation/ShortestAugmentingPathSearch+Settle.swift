/// Where a Dijkstra run over course nodes ended.
struct SearchOutcome {
    /// Reduced length of the shortest path to the sink.
    var best: Int64
    /// Last course of the path, `-1` when the source itself stays unplaced.
    var endCourse: Int
    /// Holder of `endCourse` the path unplaces, `-1` when it ends at a free seat.
    var bumped: Int32
    /// Courses settled, listed in `settled[0 ..< settledCount]`.
    var settledCount: Int
}

extension ShortestAugmentingPathSearch {
    /// Offers course `k` at reduced distance `d`, entered by participant `from` at `cost`.
    func seed(_ k: Int, _ d: Int64, from: Int32, cost: Int64) {
        let key = d + price[k]
        let old = reach[k]
        guard key < old else { return }
        reach[k] = key
        predPart[k] = from
        predWeight[k] = cost
        if old == .max {
            heap.push(Int32(truncatingIfNeeded: k), dist: d)
        } else {
            heap.decrease(Int32(truncatingIfNeeded: k), to: d)
        }
    }

    /// Dijkstra from the seeded courses until the sink is closer than the nearest unsettled course;
    /// `start` is the best path known before (leaving the source unplaced, or a free seat it
    /// reaches directly).
    func settle(from start: SearchOutcome) -> SearchOutcome {
        // Locals, not properties, in the hot loop: the optimizer then keeps them in registers.
        let reach = reach, predPart = predPart, predWeight = predWeight, price = price
        let load = load, capacity = capacity, settled = settled, settledDist = settledDist
        let dirty = adjacency.dirty, bumpHolder = adjacency.bumpHolder, bumpCost = adjacency.bumpCost
        var heap = heap
        let penalty = graph.penalty
        var outcome = start
        var settledCount = 0
        while let (top, d) = heap.min {
            let j = Int(top)
            if d >= outcome.best { break }
            heap.removeMin()
            settled[settledCount] = top
            settledDist[settledCount] = d
            settledCount &+= 1
            if load[j] < capacity[j] {
                outcome.best = d
                outcome.endCourse = j
                outcome.bumped = -1
                break
            }
            if dirty[j] {
                let s0 = Int(slotStart[j])
                adjacency.rebuild(j, holders: slotPart + s0, holderCost: slotCost + s0,
                                  holderCount: Int(load[j]), firstSeat: s0, copies: copies, graph: graph)
            } else if adjacency.stale[j], let copies {
                let s0 = Int(slotStart[j])
                adjacency.refreshStaleEdges(j, holders: slotPart + s0, holderCost: slotCost + s0,
                                            holderCount: Int(load[j]), firstSeat: s0, copies: copies)
            }
            let pj = price[j]
            if adjacency.orderedAt[j] &- pj > CourseAdjacency.driftLimit { adjacency.orderEdges(j, price: price) }
            // Unplacing the costliest holder is the cheapest way out of j towards the sink.
            if bumpHolder[j] >= 0 {
                let viaBump = d + pj - bumpCost[j] + penalty
                if viaBump < outcome.best {
                    outcome.best = viaBump
                    outcome.endCourse = j
                    outcome.bumped = bumpHolder[j]
                }
            }
            let e0 = adjacency.start(j)
            let scanEdge = adjacency.scanEdge, weight = adjacency.scanWeight, bound = adjacency.bound
            // Potentials keep every term within a few penalties, far from overflow.
            let dp = d &+ pj
            for e in e0..<(e0 &+ Int(adjacency.edgeCount[j])) {
                // Edges are ordered by bound: from here on none can beat the best path.
                if dp &+ bound[e] >= outcome.best { break }
                let packed = scanEdge[e]
                let k = Int(truncatingIfNeeded: packed & 0xFFFF_FFFF)
                let key = dp &+ weight[e]
                let old = reach[k], pk = price[k]
                // A course no nearer than the best path so far is never settled: leaving it out
                // of the heap saves most heap work once a bump path is known. One branch for
                // both tests: they are hard to predict.
                if key < Swift.min(old, outcome.best &+ pk) {
                    let dk = key &- pk
                    // Settled courses never improve (reduced costs are non-negative), so a
                    // course already reached is in the heap.
                    reach[k] = key
                    predPart[k] = Int32(truncatingIfNeeded: packed >> 32)
                    predWeight[k] = weight[e]
                    if old == .max {
                        heap.push(Int32(truncatingIfNeeded: k), dist: dk)
                    } else {
                        heap.decrease(Int32(truncatingIfNeeded: k), to: dk)
                    }
                    // A free seat ends a path at no further cost: knowing its length now, not
                    // when k is popped, keeps farther courses out of the heap meanwhile.
                    if load[k] < capacity[k] {
                        outcome.best = dk
                        outcome.endCourse = k
                        outcome.bumped = -1
                    } else if !dirty[k] && bumpHolder[k] >= 0 {
                        // Likewise for unplacing k's costliest holder, when k's cache is current.
                        let viaBump = key &- bumpCost[k] &+ penalty
                        if viaBump < outcome.best {
                            outcome.best = viaBump
                            outcome.endCourse = k
                            outcome.bumped = bumpHolder[k]
                        }
                    }
                }
            }
        }
        self.heap = heap
        outcome.settledCount = settledCount
        return outcome
    }

    /// Raises settled courses' prices so that every shortest path found becomes tight (reduced
    /// cost zero) while all residual reduced costs stay non-negative; then clears the scratch.
    func finishSearch(_ outcome: SearchOutcome) {
        for i in 0..<outcome.settledCount {
            let j = Int(settled[i])
            price[j] += settledDist[i] - outcome.best
            reach[j] = .max
        }
        for i in 0..<heap.count { reach[Int(heap.course(at: i))] = .max }
        heap.removeAll()
    }
}

