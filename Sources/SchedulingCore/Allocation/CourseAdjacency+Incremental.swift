extension CourseAdjacency {
    /// Offers holder `q` at weight `w` to edge `e`, keeping the best and runner-up holders.
    /// A holder with parallel arcs keeps its cheapest and never becomes its own runner-up.
    @inline(__always)
    static func merge(_ q: Int32, _ w: Int64, into e: Int, _ holder: UnsafeMutablePointer<Int32>,
                      _ weight: UnsafeMutablePointer<Int64>, _ holder2: UnsafeMutablePointer<Int32>,
                      _ weight2: UnsafeMutablePointer<Int64>) {
        if holder[e] == q {
            if w < weight[e] { weight[e] = w }
        } else if w < weight[e] {
            // The old best was the exact minimum of the others, so it is an exact runner-up.
            holder2[e] = holder[e]
            weight2[e] = weight[e]
            holder[e] = q
            weight[e] = w
        } else if holder2[e] == q {
            if w < weight2[e] { weight2[e] = w }
        } else if holder2[e] == -1 || (holder2[e] >= 0 && w < weight2[e]) {
            holder2[e] = q
            weight2[e] = w
        }
    }

    /// Updates course `j`'s clean edges after `leaving` (or nobody, `-1`) gave up a seat and
    /// `entering` (whose arcs are `arcs`) took one at cost `enteringCost`; `holders` and
    /// `holderCost` are j's seats after the change. Falls back to marking `j` dirty when a
    /// runner-up is unknown or the block is full: a rebuild is then due anyway.
    mutating func replaceHolder(_ j: Int, leaving: Int32, entering: Int32, enteringCost: Int64,
                                arcs: UnsafeBufferPointer<UInt64>, holders: UnsafeMutablePointer<Int32>,
                                holderCost: UnsafeMutablePointer<Int64>, holderCount: Int) {
        guard !dirty[j] else { return }
        let base = blockStart[j]
        var n = Int(edgeCount[j])
        if leaving >= 0 {
            var e = base
            while e < base + n {
                if holder[e] == leaving {
                    if holder2[e] >= 0 {
                        holder[e] = holder2[e]
                        weight[e] = weight2[e]
                        holder2[e] = -2
                    } else if holder2[e] == -1 {
                        // Nobody else reaches this target: drop the edge (last one moves here).
                        n -= 1
                        let last = base + n
                        target[e] = target[last]; holder[e] = holder[last]; weight[e] = weight[last]
                        holder2[e] = holder2[last]; weight2[e] = weight2[last]
                        continue
                    } else {
                        dirty[j] = true
                        return
                    }
                } else if holder2[e] == leaving {
                    holder2[e] = -2
                }
                e += 1
            }
            edgeCount[j] = Int32(truncatingIfNeeded: n)
        }
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
        generation &+= 1
        if generation == 0 {
            slotOf.update(repeating: 0, count: courseCount)
            generation = 1
        }
        let gen = generation
        for e in base..<(base + n) {
            slotOf[Int(target[e])] = UInt64(gen) << 32 | UInt64(e - base)
        }
        for entry in arcs {
            let k = HolderArcCopies.course(entry)
            if k == j { continue }
            let w = HolderArcCopies.cost(entry) - enteringCost
            let slot = slotOf[k]
            if UInt32(truncatingIfNeeded: slot >> 32) == gen {
                CourseAdjacency.merge(entering, w, into: base + Int(truncatingIfNeeded: slot & 0xFFFF_FFFF),
                                      holder, weight, holder2, weight2)
            } else {
                guard n < Int(blockCapacity[j]) else {
                    dirty[j] = true
                    return
                }
                slotOf[k] = UInt64(gen) << 32 | UInt64(n)
                target[base + n] = Int32(truncatingIfNeeded: k)
                holder[base + n] = entering
                weight[base + n] = w
                holder2[base + n] = -1
                n += 1
                edgeCount[j] = Int32(truncatingIfNeeded: n)
            }
        }
        edgeCount[j] = Int32(truncatingIfNeeded: n)
    }
}
