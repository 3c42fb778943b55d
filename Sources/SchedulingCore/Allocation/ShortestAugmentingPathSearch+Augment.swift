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
            slotCost[s] = x == p ? predWeight[v] : predWeight[v] + slotCost[oldSlot]
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
