extension CourseAdjacency {
    /// Gives course `j` a fresh block of `size` edges at the pool's end, compacting the pool
    /// (dropping abandoned blocks) when it is full. The old contents of j's block are dropped.
    mutating func allocateBlock(_ j: Int, size: Int) {
        if poolUsed + size > poolCapacity {
            var live = size
            for c in 0..<courseCount where c != j { live += Int(blockCapacity[c]) }
            let newCapacity = max(2 * live, 1024)
            var newStart = [Int](repeating: 0, count: courseCount)
            var used = 0
            for c in 0..<courseCount where c != j && blockCapacity[c] > 0 {
                newStart[c] = used
                used += Int(blockCapacity[c])
            }
            @inline(__always) func compact<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
                let fresh = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
                for c in 0..<courseCount where c != j && blockCapacity[c] > 0 {
                    (fresh + newStart[c]).update(from: old + blockStart[c], count: Int(edgeCount[c]))
                }
                old.deallocate()
                return fresh
            }
            target = compact(target)
            holder = compact(holder)
            weight = compact(weight)
            runners = compact(runners)
            bound = compact(bound)
            scanEdge = compact(scanEdge)
            scanWeight = compact(scanWeight)
            for c in 0..<courseCount where c != j && blockCapacity[c] > 0 { blockStart[c] = newStart[c] }
            poolCapacity = newCapacity
            poolUsed = used
        }
        blockStart[j] = poolUsed
        blockCapacity[j] = Int32(truncatingIfNeeded: size)
        poolUsed += size
    }
}
