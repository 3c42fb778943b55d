/// Indexed 4-ary min-heap of course numbers with their distances stored inline, so sifting
/// compares adjacent memory instead of chasing course numbers, and a course's distance can be
/// lowered in place instead of pushing duplicates.
struct CourseHeap {
    private let nodes: UnsafeMutablePointer<Int32>
    private let keys: UnsafeMutablePointer<Int64>
    /// Position of each course in `nodes`; only meaningful while the course is in the heap.
    private let position: UnsafeMutablePointer<Int32>
    private(set) var count = 0

    init(courseCount: Int) {
        nodes = .allocate(capacity: max(courseCount, 1))
        keys = .allocate(capacity: max(courseCount, 1))
        position = .allocate(capacity: max(courseCount, 1))
    }

    func deallocate() {
        nodes.deallocate()
        keys.deallocate()
        position.deallocate()
    }

    mutating func removeAll() { count = 0 }

    /// The `i`-th course in heap order, for callers that must visit every queued course.
    func course(at i: Int) -> Int32 { nodes[i] }

    /// The course with the least distance and that distance, without removing it.
    var min: (course: Int32, dist: Int64)? {
        count > 0 ? (nodes[0], keys[0]) : nil
    }

    mutating func push(_ course: Int32, dist: Int64) {
        count += 1
        siftUp(count - 1, course, dist)
    }

    /// Lowers the distance of `course`, which must be in the heap.
    mutating func decrease(_ course: Int32, to dist: Int64) {
        siftUp(Int(position[Int(course)]), course, dist)
    }

    /// Removes the course `min` returned.
    mutating func removeMin() {
        count -= 1
        if count > 0 { siftDown(nodes[count], keys[count]) }
    }

    private func siftUp(_ start: Int, _ node: Int32, _ key: Int64) {
        var i = start
        while i > 0 {
            let parent = (i - 1) >> 2
            if keys[parent] <= key { break }
            let pn = nodes[parent]
            nodes[i] = pn
            keys[i] = keys[parent]
            position[Int(pn)] = Int32(truncatingIfNeeded: i)
            i = parent
        }
        nodes[i] = node
        keys[i] = key
        position[Int(node)] = Int32(truncatingIfNeeded: i)
    }

    /// Places `node` at the root and sifts it down over the first `count` entries.
    private func siftDown(_ node: Int32, _ key: Int64) {
        var i = 0
        while true {
            let first = 4 * i + 1
            if first >= count { break }
            // Four children share a cache line of keys; a shallower tree means cheaper decreases.
            var child = first
            var best = keys[first]
            let last = Swift.min(first + 4, count)
            var c = first + 1
            while c < last {
                if keys[c] < best { best = keys[c]; child = c }
                c += 1
            }
            if keys[child] >= key { break }
            let cn = nodes[child]
            nodes[i] = cn
            keys[i] = keys[child]
            position[Int(cn)] = Int32(truncatingIfNeeded: i)
            i = child
        }
        nodes[i] = node
        keys[i] = key
        position[Int(node)] = Int32(truncatingIfNeeded: i)
    }
}
