/// Course-to-course residual edges, compressed per course and cached until its holders change.
///
/// Leaving full course j, a search may move any holder q to another course k at cost
/// `c(q,k) - c(q,j)`. Holders of one course are near each other, so their arcs name largely
/// the same courses: keeping only the cheapest holder per target cuts the edges scanned per
/// settled course several-fold, and holders change only along augmenting paths.
struct CourseAdjacency {
    private let courseCount: Int
    private let blockStart: UnsafeMutablePointer<Int>
    private let blockCapacity: UnsafeMutablePointer<Int32>
    let edgeCount: UnsafeMutablePointer<Int32>
    let dirty: UnsafeMutablePointer<Bool>
    /// The holder whose removal saves most (highest own cost), for paths that unplace someone.
    let bumpHolder: UnsafeMutablePointer<Int32>
    let bumpCost: UnsafeMutablePointer<Int64>
    private(set) var target: UnsafeMutablePointer<Int32>
    private(set) var holder: UnsafeMutablePointer<Int32>
    private(set) var weight: UnsafeMutablePointer<Int64>
    private var poolUsed = 0
    private var poolCapacity: Int
    // Scratch for deduplicating targets during a rebuild.
    /// Generation in the high half, index into the scratch edges in the low half: one load.
    private let slotOf: UnsafeMutablePointer<UInt64>
    private let scratchTarget: UnsafeMutablePointer<Int32>
    private let scratchHolder: UnsafeMutablePointer<Int32>
    private let scratchWeight: UnsafeMutablePointer<Int64>
    private var generation: UInt32 = 0

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
        bumpHolder = .allocate(capacity: n)
        bumpCost = .allocate(capacity: n)
        slotOf = .allocate(capacity: n)
        slotOf.initialize(repeating: 0, count: n)
        scratchTarget = .allocate(capacity: n)
        scratchHolder = .allocate(capacity: n)
        scratchWeight = .allocate(capacity: n)
        poolCapacity = max(n * 32, 1024)
        target = .allocate(capacity: poolCapacity)
        holder = .allocate(capacity: poolCapacity)
        weight = .allocate(capacity: poolCapacity)
    }

    func deallocate() {
        blockStart.deallocate(); blockCapacity.deallocate(); edgeCount.deallocate(); dirty.deallocate()
        bumpHolder.deallocate(); bumpCost.deallocate(); slotOf.deallocate()
        scratchTarget.deallocate(); scratchHolder.deallocate(); scratchWeight.deallocate()
        target.deallocate(); holder.deallocate(); weight.deallocate()
    }

    @inline(__always)
    func start(_ j: Int) -> Int { blockStart[j] }

    /// Recomputes course `j`'s edges from its current holders.
    mutating func rebuild(_ j: Int, holders: UnsafeMutablePointer<Int32>, holderCost: UnsafeMutablePointer<Int64>,
                          holderCount: Int, graph: AllocationGraph) {
        generation &+= 1
        if generation == 0 {
            slotOf.update(repeating: 0, count: courseCount)
            generation = 1
        }
        let gen = generation, slotOf = slotOf
        let scratchTarget = scratchTarget, scratchHolder = scratchHolder, scratchWeight = scratchWeight
        var worst: Int64 = -1
        var worstHolder: Int32 = -1
        var n = 0
        for h in 0..<holderCount {
            let q = Int(holders[h]), own = holderCost[h]
            if own > worst { worst = own; worstHolder = holders[h] }
            for a in Int(graph.arcStart[q])..<Int(graph.arcStart[q + 1]) {
                let k = Int(graph.arcCourse[a])
                if k == j { continue }
                let w = graph.arcCost[a] - own
                let slot = slotOf[k]
                if UInt32(truncatingIfNeeded: slot >> 32) != gen {
                    slotOf[k] = UInt64(gen) << 32 | UInt64(n)
                    scratchTarget[n] = Int32(truncatingIfNeeded: k)
                    scratchHolder[n] = Int32(truncatingIfNeeded: q)
                    scratchWeight[n] = w
                    n &+= 1
                } else {
                    let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF)
                    if w < scratchWeight[e] { scratchWeight[e] = w; scratchHolder[e] = Int32(truncatingIfNeeded: q) }
                }
            }
        }
        bumpHolder[j] = worstHolder
        bumpCost[j] = worst
        dirty[j] = false
        if n > Int(blockCapacity[j]) { allocateBlock(j, size: n + n / 4 + 4) }
        let base = blockStart[j]
        (target + base).update(from: scratchTarget, count: n)
        (holder + base).update(from: scratchHolder, count: n)
        (weight + base).update(from: scratchWeight, count: n)
        edgeCount[j] = Int32(truncatingIfNeeded: n)
    }

    /// Gives course `j` a fresh block of `size` edges at the pool's end, compacting the pool
    /// (dropping abandoned blocks) when it is full.
    private mutating func allocateBlock(_ j: Int, size: Int) {
        if poolUsed + size > poolCapacity {
            var live = size
            for c in 0..<courseCount where c != j { live += Int(blockCapacity[c]) }
            let newCapacity = max(2 * live, 1024)
            let newTarget = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
            let newHolder = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
            let newWeight = UnsafeMutablePointer<Int64>.allocate(capacity: newCapacity)
            var used = 0
            for c in 0..<courseCount where c != j && blockCapacity[c] > 0 {
                let from = blockStart[c], n = Int(edgeCount[c])
                (newTarget + used).update(from: target + from, count: n)
                (newHolder + used).update(from: holder + from, count: n)
                (newWeight + used).update(from: weight + from, count: n)
                blockStart[c] = used
                used += Int(blockCapacity[c])
            }
            target.deallocate(); holder.deallocate(); weight.deallocate()
            target = newTarget; holder = newHolder; weight = newWeight
            poolCapacity = newCapacity
            poolUsed = used
        }
        blockStart[j] = poolUsed
        blockCapacity[j] = Int32(truncatingIfNeeded: size)
        poolUsed += size
    }
}
