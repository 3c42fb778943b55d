extension ShortestAugmentingPathSearch {
    /// Shifts every participant on the path one course along, ending at a new seat in
    /// `endCourse` or at the seat `bumped` leaves.
    func augment(to endCourse: Int, bumping bumped: Int32, source p: Int32) {
        var v = endCourse
        var s: Int
        if bumped >= 0 {
            s = Int(partSlot[Int(bumped)])
            partCourse[Int(bumped)] = -1
            partSlot[Int(bumped)] = -1
        } else {
            s = Int(slotStart[v] + load[v])
            load[v] += 1
        }
        // The participant whose seat the next one takes: the unplaced one, then each mover.
        var leaving = bumped
        while true {
            let x = predPart[v]
            let oldCourse = Int(partCourse[Int(x)]), oldSlot = Int(partSlot[Int(x)])
            slotPart[s] = x
            slotCost[s] = cheapestArc(of: x, to: v)
            partCourse[Int(x)] = Int32(truncatingIfNeeded: v)
            partSlot[Int(x)] = Int32(truncatingIfNeeded: s)
            if let copies {
                copies.store(x, inSeat: s, graph: graph)
                let first = Int(slotStart[v])
                adjacency.replaceHolder(
                    v, leaving: leaving, entering: x, enteringCost: slotCost[s],
                    arcs: UnsafeBufferPointer(start: copies.packed + s * copies.stride, count: Int(copies.count[s])),
                    holders: slotPart + first, holderCost: slotCost + first, holderCount: Int(load[v]))
            } else {
                adjacency.dirty[v] = true
            }
            if x == p { break }
            leaving = x
            v = oldCourse
            s = oldSlot
        }
    }

    /// The search keeps only the participant per edge; its cost is recovered here, on the
    /// path alone (the cheapest parallel arc is the one the search used).
    private func cheapestArc(of x: Int32, to course: Int) -> Int64 {
        var best = Int64.max
        for a in Int(graph.arcStart[Int(x)])..<Int(graph.arcStart[Int(x) + 1])
        where Int(graph.arcCourse[a]) == course {
            best = min(best, graph.arcCost[a])
        }
        return best
    }

    func allocation() -> Allocation {
        var assigned = 0
        var cost: Int64 = 0
        for j in 0..<courseCount {
            let s0 = Int(slotStart[j])
            assigned += Int(load[j])
            for s in s0..<(s0 + Int(load[j])) { cost += slotCost[s] }
        }
        let courseOf = Array(UnsafeBufferPointer(start: partCourse, count: graph.participantCount))
        return Allocation(courseOf: courseOf, assigned: assigned, cost: cost)
    }
}
