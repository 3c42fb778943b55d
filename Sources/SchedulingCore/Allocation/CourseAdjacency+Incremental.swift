extension CourseAdjacency {
    /// Updates course `j`'s clean edges after `leaving` (or nobody, `-1`) gave up a seat and
    /// `entering` (whose arcs are `arcs`) took one at cost `enteringCost`; `holders` and
    /// `holderCost` are j's seats after the change. Stale edges (see `removeHolder`) are left for
    /// `refreshStaleEdges`; falls back to marking `j` dirty when the block is full.
    mutating func replaceHolder(_ j: Int, leaving: Int32, entering: Int32, enteringCost: Int64,
                                arcs: UnsafeBufferPointer<UInt64>, holders: UnsafeMutablePointer<Int32>,
                                holderCost: UnsafeMutablePointer<Int64>, holderCount: Int) {
        guard !dirty[j] else { return }
        // Patches reorder and lower edges; bounds are recomputed when j is next expanded.
        orderedAt[j] = CourseAdjacency.unordered
        let base = blockStart[j]
        if leaving >= 0 {
            removeHolder(j, leaving: leaving)
        }
        var n = Int(edgeCount[j])
        if bumpHolder[j] == leaving {
            // Seat costs are contiguous: finding the new costliest holder is cheap.
            var worst: Int64 = -1, worstHolder: Int32 = -1
            for h in 0..<holderCount where holderCost[h] > worst {
                worst = holderCost[h]
                worstHolder = holders[h]
            }
            bumpHolder[j] = worstHolder
            bumpCost[j] = worst
        } else if enteringCost > bumpCost[j] {
            bumpCost[j] = enteringCost
            bumpHolder[j] = entering
        }
        let gen = nextGeneration()
        for e in base..<(base + n) {
            slotOf[Int(target[e])] = UInt64(gen) << 32 | UInt64(e - base)
        }
        for entry in arcs {
            let k = HolderArcCopies.course(entry)
            if k == j { continue }
            let w = HolderArcCopies.cost(entry) - enteringCost
            let slot = slotOf[k]
            if UInt32(truncatingIfNeeded: slot >> 32) == gen {
                let e = base + Int(truncatingIfNeeded: slot & 0xFFFF_FFFF)
                // A stale edge will be recomputed from all holders, the entering one included.
                if holder[e] != CourseAdjacency.staleHolder {
                    CourseAdjacency.merge(entering, w, into: e, holder, weight, runners)
                }
            } else {
                guard n < Int(blockCapacity[j]) else {
                    dirty[j] = true
                    return
                }
                slotOf[k] = UInt64(gen) << 32 | UInt64(n)
                target[base + n] = Int32(truncatingIfNeeded: k)
                holder[base + n] = entering
                weight[base + n] = w
                runners[base + n] = .empty
                n += 1
                edgeCount[j] = Int32(truncatingIfNeeded: n)
            }
        }
        edgeCount[j] = Int32(truncatingIfNeeded: n)
    }
}
