extension CourseAdjacency {
    /// Marks a block whose bounds are missing or stale. Half of `Int64.max`: potentials stay far
    /// below that, so `orderedAt[j] - price` overflows never and always exceeds any drift limit.
    static let unordered = Int64.max / 2

    /// How far course j's price may fall below `orderedAt[j]` before its edges are reordered.
    /// Prices only fall, so stored bounds stay valid, but each unit of fall loosens them by one.
    static let driftLimit: Int64 = 16

    /// Number of reduced-weight classes edges are ordered into.
    static let bucketCount = 64
    /// Reduced weights `b << bucketShift ..< (b + 1) << bucketShift` share class `b`.
    static let bucketShift: Int64 = 1

    /// Writes course `j`'s scan list: its edges coarsely ordered by current reduced weight (a
    /// counting sort into `bucketCount` classes), each with `bound = classFloor - pj`,
    /// non-decreasing through the list.
    ///
    /// Most edges scanned lead nowhere useful (their target is no nearer than the best path
    /// known). Since `weight - price[k]` only grows as `price[k]` falls, `bound` stays a lower
    /// bound of it; a scan from `d` can stop at the first edge with `d + price[j] + bound` no
    /// less than the best path, because every later edge is at least as far. A full sort would
    /// give tighter bounds but cost more than the scans it saves. The list is a copy, so the
    /// edges themselves (which incremental updates find by position) never move.
    mutating func orderEdges(_ j: Int, price: UnsafeMutablePointer<Int64>) {
        let base = blockStart[j], n = Int(edgeCount[j])
        let pj = price[j]
        orderedAt[j] = pj
        let classes = CourseAdjacency.bucketCount, shift = CourseAdjacency.bucketShift
        let classOf = scratchKey, next = bucketNext
        next.update(repeating: 0, count: classes + 1)
        for i in 0..<n {
            let e = base &+ i
            let reduced = weight[e] &+ pj &- price[Int(target[e])]
            let c = reduced < 0 ? 0 : Int(truncatingIfNeeded: Swift.min(reduced >> shift, Int64(classes - 1)))
            classOf[i] = UInt64(truncatingIfNeeded: c)
            next[c &+ 1] &+= 1
        }
        for c in 0..<classes { next[c &+ 1] &+= next[c] }
        for i in 0..<n {
            let c = Int(truncatingIfNeeded: classOf[i]), e = base &+ i
            let to = base &+ Int(next[c])
            next[c] &+= 1
            scanEdge[to] = UInt64(UInt32(bitPattern: holder[e])) << 32 | UInt64(UInt32(bitPattern: target[e]))
            scanWeight[to] = weight[e]
            // Class 0 never stops a scan, so it also absorbs (never expected) negative weights.
            bound[to] = c == 0 ? -CourseAdjacency.unordered : Int64(c) << shift &- pj
        }
    }
}
