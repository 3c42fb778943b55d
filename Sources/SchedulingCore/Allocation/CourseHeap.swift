/// Indexed binary min-heap of course numbers keyed by an external distance array,
/// so a course's key can be lowered in place instead of pushing duplicates.
struct CourseHeap {
    private let nodes: UnsafeMutablePointer<Int32>
    /// Position of each course in `nodes`; only meaningful while the course is in the heap.
    private let position: UnsafeMutablePointer<Int32>
    private(set) var count = 0

    init(courseCount: Int) {
        nodes = .allocate(capacity: max(courseCount, 1))
        position = .allocate(capacity: max(courseCount, 1))
    }

    func deallocate() {
        nodes.deallocate()
        position.deallocate()
    }

    mutating func removeAll() { count = 0 }

    mutating func push(_ course: Int32, dist: UnsafeMutablePointer<Int64>) {
        nodes[count] = course
        position[Int(course)] = Int32(truncatingIfNeeded: count)
        count += 1
        siftUp(count - 1, dist: dist)
    }

    /// Restores order after `dist[course]` was lowered; the course must be in the heap.
    mutating func decrease(_ course: Int32, dist: UnsafeMutablePointer<Int64>) {
        siftUp(Int(position[Int(course)]), dist: dist)
    }

    mutating func popMin(dist: UnsafeMutablePointer<Int64>) -> Int32? {
        guard count > 0 else { return nil }
        let top = nodes[0]
        count -= 1
        if count > 0 {
            let last = nodes[count]
            siftDown(last, dist: dist)
        }
        return top
    }

    private func siftUp(_ start: Int, dist: UnsafeMutablePointer<Int64>) {
        var i = start
        let node = nodes[i]
        let key = dist[Int(node)]
        while i > 0 {
            let parent = (i - 1) >> 1
            let pn = nodes[parent]
            if dist[Int(pn)] <= key { break }
            nodes[i] = pn
            position[Int(pn)] = Int32(truncatingIfNeeded: i)
            i = parent
        }
        nodes[i] = node
        position[Int(node)] = Int32(truncatingIfNeeded: i)
    }

    /// Places `node` at the root and sifts it down over the first `count` entries.
    private func siftDown(_ node: Int32, dist: UnsafeMutablePointer<Int64>) {
        let key = dist[Int(node)]
        var i = 0
        while true {
            var child = 2 * i + 1
            if child >= count { break }
            if child + 1 < count, dist[Int(nodes[child + 1])] < dist[Int(nodes[child])] { child += 1 }
            let cn = nodes[child]
            if dist[Int(cn)] >= key { break }
            nodes[i] = cn
            position[Int(cn)] = Int32(truncatingIfNeeded: i)
            i = child
        }
        nodes[i] = node
        position[Int(node)] = Int32(truncatingIfNeeded: i)
    }
}
