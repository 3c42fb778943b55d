/// Each seat's copy of its holder's arcs, packed `course << 32 | cost` in a fixed-stride block.
///
/// Rebuilding a course's edges reads all its holders' arcs. In the problem's CSR arrays those
/// are a dozen scattered participants, two arrays each, and the cache misses dominated the
/// solve; here one course's holders are one contiguous run of memory. A holder's arcs are
/// copied once per move, whereas a course is rebuilt after every change of any holder.
struct HolderArcCopies {
    /// Entries reserved per seat: the largest degree of any participant.
    let stride: Int
    /// `packed[s * stride ..< s * stride + count[s]]` are seat s's holder's arcs.
    let packed: UnsafeMutablePointer<UInt64>
    let count: UnsafeMutablePointer<Int32>

    /// Nil when costs do not fit 32 bits or the copies would take far more memory than the
    /// arcs themselves (a few participants with huge degree); callers then read the CSR arrays.
    init?(seats: Int, graph: AllocationGraph) {
        let participants = graph.participantCount
        var maxDegree = 0
        for i in 0..<participants {
            maxDegree = max(maxDegree, Int(graph.arcStart[i + 1] - graph.arcStart[i]))
        }
        let arcCount = Int(graph.arcStart[participants])
        for a in 0..<arcCount where graph.arcCost[a] > Int64(UInt32.max) { return nil }
        let (entries, overflow) = seats.multipliedReportingOverflow(by: maxDegree)
        guard !overflow, entries <= max(4 * arcCount, 1 << 16) else { return nil }
        stride = maxDegree
        packed = .allocate(capacity: max(entries, 1))
        count = .allocate(capacity: max(seats, 1))
        count.initialize(repeating: 0, count: max(seats, 1))
    }

    func deallocate() {
        packed.deallocate()
        count.deallocate()
    }

    /// Copies participant `x`'s arcs into seat `s`.
    func store(_ x: Int32, inSeat s: Int, graph: AllocationGraph) {
        let first = Int(graph.arcStart[Int(x)]), end = Int(graph.arcStart[Int(x) + 1])
        let base = packed + s * stride
        for a in first..<end {
            base[a - first] = UInt64(UInt32(truncatingIfNeeded: graph.arcCourse[a])) << 32
                | UInt64(UInt32(truncatingIfNeeded: graph.arcCost[a]))
        }
        count[s] = Int32(truncatingIfNeeded: end - first)
    }

    /// Course of a packed arc.
    @inline(__always)
    static func course(_ entry: UInt64) -> Int { Int(truncatingIfNeeded: entry >> 32) }

    /// Cost of a packed arc.
    @inline(__always)
    static func cost(_ entry: UInt64) -> Int64 { Int64(truncatingIfNeeded: entry & 0xFFFF_FFFF) }
}
