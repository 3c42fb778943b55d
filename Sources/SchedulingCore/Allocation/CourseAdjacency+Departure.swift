extension CourseAdjacency {
    /// Holder mark of an edge whose best holder left with its runner-up unknown.
    static let staleHolder: Int32 = -3

    /// Takes `leaving` out of course `j`'s clean edges. An edge the leaver was best for falls to
    /// its runner-up, or is dropped when nobody else reaches its target. Where the runner-up is
    /// unknown the edge is marked stale and `j` waits for `refreshStaleEdges`: a course often
    /// changes holders several times before it is next expanded, and one pass serves them all.
    mutating func removeHolder(_ j: Int, leaving: Int32) {
        let base = blockStart[j]
        var end = base + Int(edgeCount[j])
        var e = base
        while e < end {
            if holder[e] == leaving {
                let next = runners[e].holder2
                if next >= 0 {
                    holder[e] = next
                    weight[e] = runners[e].weight2
                    runners[e].shiftUp()
                } else if next == RunnerUps.none {
                    // The last edge moves here.
                    end -= 1
                    moveEdge(from: end, to: e)
                    continue
                } else {
                    holder[e] = CourseAdjacency.staleHolder
                    stale[j] = true
                }
            } else {
                runners[e].remove(leaving)
            }
            e += 1
        }
        edgeCount[j] = Int32(truncatingIfNeeded: end - base)
    }

    /// Recomputes course `j`'s stale edges from its holders (arc copies in seats `firstSeat...`),
    /// all in one pass that only tests each arc's target; a full rebuild would merge every arc.
    mutating func refreshStaleEdges(_ j: Int, holders: UnsafeMutablePointer<Int32>,
                                    holderCost: UnsafeMutablePointer<Int64>, holderCount: Int,
                                    firstSeat: Int, copies: HolderArcCopies) {
        stale[j] = false
        let base = blockStart[j]
        var end = base + Int(edgeCount[j])
        let gen = nextGeneration()
        for e in base..<end where holder[e] == CourseAdjacency.staleHolder {
            slotOf[Int(target[e])] = UInt64(gen) << 32 | UInt64(e - base)
            holder[e] = -1
            weight[e] = .max
            runners[e] = .empty
        }
        for h in 0..<holderCount {
            let seat = firstSeat + h, q = holders[h], own = holderCost[h]
            let arcs = copies.packed + seat * copies.stride
            for i in 0..<Int(copies.count[seat]) {
                let entry = arcs[i]
                let slot = slotOf[HolderArcCopies.course(entry)]
                guard UInt32(truncatingIfNeeded: slot >> 32) == gen else { continue }
                CourseAdjacency.merge(q, HolderArcCopies.cost(entry) &- own,
                                      into: base &+ Int(truncatingIfNeeded: slot & 0xFFFF_FFFF),
                                      holder, weight, runners)
            }
        }
        // Edges no holder reaches any more are dropped; the last edge moves into the gap.
        var e = base
        while e < end {
            if holder[e] == -1 {
                end -= 1
                moveEdge(from: end, to: e)
                continue
            }
            e += 1
        }
        edgeCount[j] = Int32(truncatingIfNeeded: end - base)
    }

    @inline(__always)
    func moveEdge(from: Int, to: Int) {
        target[to] = target[from]; holder[to] = holder[from]; weight[to] = weight[from]; runners[to] = runners[from]
    }

    /// A fresh tag for `slotOf`, clearing it when the counter wraps.
    mutating func nextGeneration() -> UInt32 {
        generation &+= 1
        if generation == 0 {
            slotOf.update(repeating: 0, count: courseCount)
            generation = 1
        }
        return generation
    }
}
