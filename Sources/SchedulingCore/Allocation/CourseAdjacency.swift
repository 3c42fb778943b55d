/// Course-to-course residual edges, compressed per course and kept current as holders change.
///
/// Leaving full course j, a search may move any holder q to another course k at cost
/// `c(q,k) - c(q,j)`. Holders of one course are near each other, so their arcs name largely
/// the same courses: keeping only the cheapest holder per target cuts the edges scanned per
/// settled course several-fold. Holders change only along augmenting paths, one out and one in
/// per course; `replaceHolder` (with the runner-up kept per edge) patches the edges for that,
/// and a full `rebuild` is due only when it cannot (`dirty`).
struct CourseAdjacency {
    let courseCount: Int
    let blockStart: UnsafeMutablePointer<Int>
    let blockCapacity: UnsafeMutablePointer<Int32>
    let edgeCount: UnsafeMutablePointer<Int32>
    let dirty: UnsafeMutablePointer<Bool>
    /// Whether a clean course has stale edges (see `removeHolder`) to refresh before expansion.
    let stale: UnsafeMutablePointer<Bool>
    /// The holder whose removal saves most (highest own cost), for paths that unplace someone.
    let bumpHolder: UnsafeMutablePointer<Int32>
    let bumpCost: UnsafeMutablePointer<Int64>
    var target: UnsafeMutablePointer<Int32>
    var holder: UnsafeMutablePointer<Int32>
    var weight: UnsafeMutablePointer<Int64>
    /// Runner-up holders per edge, so that the best holder can leave without a rebuild.
    var runners: UnsafeMutablePointer<RunnerUps>
    /// Each block's scan list, valid while the block is ordered (see `orderEdges`): holder in
    /// the high half and target in the low half, weight, and a lower bound of the reduced
    /// weight minus the block's course price, non-decreasing through the list.
    var scanEdge: UnsafeMutablePointer<UInt64>
    var scanWeight: UnsafeMutablePointer<Int64>
    var bound: UnsafeMutablePointer<Int64>
    /// Price of each course when its edges were last ordered; `unordered` when they are not.
    let orderedAt: UnsafeMutablePointer<Int64>
    var poolUsed = 0
    var poolCapacity: Int
    // Scratch for deduplicating targets during a rebuild.
    /// Generation in the high half, index into the scratch edges in the low half: one load.
    let slotOf: UnsafeMutablePointer<UInt64>
    let scratchTarget: UnsafeMutablePointer<Int32>
    let scratchHolder: UnsafeMutablePointer<Int32>
    let scratchWeight: UnsafeMutablePointer<Int64>
    let scratchRunners: UnsafeMutablePointer<RunnerUps>
    let scratchKey: UnsafeMutablePointer<UInt64>
    let bucketNext: UnsafeMutablePointer<Int32>
    var generation: UInt32 = 0

    init(courseCount: Int) {
        self.courseCount = courseCount
        let n = max(courseCount, 1)
        blockStart = .allocate(capacity: n)
        blockStart.initialize(repeating: 0, count: n)
        blockCapacity = .allocate(capacity: n)
        blockCapacity.initialize(repeating: 0, count: n)
        edgeCount = .allocate(capacity: n)
        edgeCount.initialize(repeating: 0, count: n)
        dirty = .allocate(capacity: n)
        dirty.initialize(repeating: true, count: n)
        stale = .allocate(capacity: n)
        stale.initialize(repeating: false, count: n)
        bumpHolder = .allocate(capacity: n)
        bumpCost = .allocate(capacity: n)
        slotOf = .allocate(capacity: n)
        slotOf.initialize(repeating: 0, count: n)
        scratchTarget = .allocate(capacity: n)
        scratchHolder = .allocate(capacity: n)
        scratchWeight = .allocate(capacity: n)
        scratchRunners = .allocate(capacity: n)
        scratchKey = .allocate(capacity: n)
        bucketNext = .allocate(capacity: CourseAdjacency.bucketCount + 1)
        orderedAt = .allocate(capacity: n)
        orderedAt.initialize(repeating: CourseAdjacency.unordered, count: n)
        poolCapacity = max(n * 32, 1024)
        target = .allocate(capacity: poolCapacity)
        holder = .allocate(capacity: poolCapacity)
        weight = .allocate(capacity: poolCapacity)
        runners = .allocate(capacity: poolCapacity)
        bound = .allocate(capacity: poolCapacity)
        scanEdge = .allocate(capacity: poolCapacity)
        scanWeight = .allocate(capacity: poolCapacity)
    }

    func deallocate() {
        blockStart.deallocate(); blockCapacity.deallocate(); edgeCount.deallocate(); dirty.deallocate(); stale.deallocate()
        bumpHolder.deallocate(); bumpCost.deallocate(); slotOf.deallocate()
        scratchTarget.deallocate(); scratchHolder.deallocate(); scratchWeight.deallocate()
        scratchRunners.deallocate(); scratchKey.deallocate(); bucketNext.deallocate(); orderedAt.deallocate()
        target.deallocate(); holder.deallocate(); weight.deallocate(); runners.deallocate()
        bound.deallocate(); scanEdge.deallocate(); scanWeight.deallocate()
    }

    @inline(__always)
    func start(_ j: Int) -> Int { blockStart[j] }

    /// Recomputes course `j`'s edges from its current holders.
    mutating func rebuild(_ j: Int, holders: UnsafeMutablePointer<Int32>, holderCost: UnsafeMutablePointer<Int64>,
                          holderCount: Int, firstSeat: Int, copies: HolderArcCopies?, graph: AllocationGraph) {
        let gen = nextGeneration(), slotOf = slotOf
        let scratchTarget = scratchTarget, scratchHolder = scratchHolder, scratchWeight = scratchWeight
        let scratchRunners = scratchRunners
        var worst: Int64 = -1
        var worstHolder: Int32 = -1
        var n = 0
        @inline(__always) func offer(_ k: Int, _ w: Int64, _ q: Int) {
            let slot = slotOf[k]
            let q32 = Int32(truncatingIfNeeded: q)
            if UInt32(truncatingIfNeeded: slot >> 32) != gen {
                slotOf[k] = UInt64(gen) << 32 | UInt64(n)
                scratchTarget[n] = Int32(truncatingIfNeeded: k)
                scratchHolder[n] = q32
                scratchWeight[n] = w
                scratchRunners[n] = .empty
                n &+= 1
            } else {
                let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF)
                CourseAdjacency.merge(q32, w, into: e, scratchHolder, scratchWeight, scratchRunners)
            }
        }
        for h in 0..<holderCount {
            let q = Int(holders[h]), own = holderCost[h]
            if own > worst { worst = own; worstHolder = holders[h] }
            if let copies {
                let seat = firstSeat + h
                let base = copies.packed + seat * copies.stride
                for i in 0..<Int(copies.count[seat]) {
                    let entry = base[i]
                    let k = HolderArcCopies.course(entry)
                    if k != j { offer(k, HolderArcCopies.cost(entry) - own, q) }
                }
            } else {
                for a in Int(graph.arcStart[q])..<Int(graph.arcStart[q + 1]) {
                    let k = Int(graph.arcCourse[a])
                    if k != j { offer(k, graph.arcCost[a] - own, q) }
                }
            }
        }
        bumpHolder[j] = worstHolder
        bumpCost[j] = worst
        dirty[j] = false
        stale[j] = false
        orderedAt[j] = CourseAdjacency.unordered
        if n > Int(blockCapacity[j]) { allocateBlock(j, size: n + n / 4 + 4) }
        let base = blockStart[j]
        (target + base).update(from: scratchTarget, count: n)
        (holder + base).update(from: scratchHolder, count: n)
        (weight + base).update(from: scratchWeight, count: n)
        (runners + base).update(from: scratchRunners, count: n)
        edgeCount[j] = Int32(truncatingIfNeeded: n)
    }
}
