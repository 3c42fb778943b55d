extension AllocationInstanceGenerator {
    /// Gives every participant its arcs and returns the largest arc cost, as the script's numpy
    /// block does, with the same exact integer geometry.
    ///
    /// The script keys each compatible course `d² · C + j` (unique, so its `argpartition` then
    /// `argsort` amount to a full sort) and keeps the `min(maxEligible, C)` smallest keys. Of
    /// those, `nIn` lie within reach, and the first `min(max(nIn, minEligible), kept)` become
    /// arcs, listed by course index.
    static func attachArcs(
        to participants: inout [Participant], courses: [Course], reachMetres: Int, options: Options
    ) -> Int {
        let kept = min(options.maxEligible, courses.count)
        guard kept > 0 else { return 0 }
        let table = CourseTable(courses)
        let nearest = UnsafeMutablePointer<Int>.allocate(capacity: kept)
        defer { nearest.deallocate() }
        let reachSquared = reachMetres * reachMetres
        let courseStart = courses.map(\.startDay), courseTime = courses.map(\.timeOfDay)
        var maxArcCost = 0
        for i in participants.indices {
            let participant = participants[i]
            // A women-only course takes only women; who needs one takes nothing else.
            let womenOnly: Bool? = participant.needsWomenOnly ? true : participant.gender == .female ? nil : false
            let count = table.nearest(
                participant.x, participant.y, levels: levelIndex(participant.level), womenOnly: womenOnly,
                kept: kept, into: nearest)
            var withinReach = 0
            while withinReach < count, nearest[withinReach] / table.count <= reachSquared { withinReach += 1 }
            let k = min(max(withinReach, options.minEligible), count)
            let preferredTime = participant.preferredTime
            var arcs: [Arc] = []
            arcs.reserveCapacity(k)
            for t in 0..<k {
                let j = nearest[t] % table.count, squared = nearest[t] / table.count
                // sqrt is correctly rounded in numpy and Swift alike; floor(x + 0.5) in 100 m units.
                let hundreds = Int(((Double(squared).squareRoot() + 50.0) / 100.0).rounded(.down))
                let cost = hundreds + courseStart[j] + (courseTime[j] != preferredTime ? options.todPenalty : 0)
                maxArcCost = max(maxArcCost, cost)
                // Insertion by course index: lists are at most maxEligible long.
                var slot = arcs.count
                arcs.append(Arc(course: j, cost: cost))
                while slot > 0, arcs[slot - 1].course > j {
                    arcs[slot] = arcs[slot - 1]
                    slot -= 1
                }
                arcs[slot] = Arc(course: j, cost: cost)
            }
            participants[i].arcs = arcs
        }
        return maxArcCost
    }

    static func levelIndex(_ level: Level) -> Int {
        levels.firstIndex(of: level)!
    }
}

/// The courses' positions grouped by (level, women-only) and sorted by x within a group, in raw
/// memory: finding each participant's nearest compatible courses is most of the generator's
/// time, in the debug builds tests run too. Scanning outward from the participant's x, a side
/// stops once the x gap alone puts a course beyond the farthest of the `kept` nearest so far.
private final class CourseTable {
    let count: Int
    /// `bucketStart[b]..<bucketStart[b + 1]` are the rows of bucket `level * 2 + (womenOnly ? 1 : 0)`.
    private let bucketStart: [Int]
    private let x: UnsafeMutablePointer<Int>, y: UnsafeMutablePointer<Int>, index: UnsafeMutablePointer<Int>

    init(_ courses: [AllocationInstanceGenerator.Course]) {
        count = courses.count
        let buckets = AllocationInstanceGenerator.levels.count * 2
        var members = [[Int]](repeating: [], count: buckets)
        for (j, course) in courses.enumerated() {
            members[AllocationInstanceGenerator.levelIndex(course.level) * 2 + (course.womenOnly ? 1 : 0)].append(j)
        }
        x = .allocate(capacity: count)
        y = .allocate(capacity: count)
        index = .allocate(capacity: count)
        var start = [0], row = 0
        for bucket in members {
            for j in bucket.sorted(by: { courses[$0].x < courses[$1].x }) {
                x[row] = courses[j].x
                y[row] = courses[j].y
                index[row] = j
                row += 1
            }
            start.append(row)
        }
        bucketStart = start
    }

    deinit {
        x.deallocate()
        y.deallocate()
        index.deallocate()
    }

    /// Writes the `kept` smallest keys `d² · count + j` of the courses at `level` or the next one
    /// up with the given women-only flag (`nil`: either) into `nearest`, ascending, and returns
    /// how many there are (fewer if fewer courses qualify).
    func nearest(
        _ px: Int, _ py: Int, levels level: Int, womenOnly: Bool?, kept: Int, into nearest: UnsafeMutablePointer<Int>
    ) -> Int {
        let top = min(level + 1, AllocationInstanceGenerator.levels.count - 1)
        var filled = 0
        for bucket in (level * 2)...(top * 2 + 1) where womenOnly == nil || (bucket % 2 == 1) == womenOnly {
            scan(bucketStart[bucket], bucketStart[bucket + 1], px, py, kept, nearest, &filled)
        }
        // Heap sort: the max-heap becomes ascending.
        var end = filled
        while end > 1 {
            end -= 1
            let largest = nearest[0]
            siftDown(nearest[end], in: nearest, count: end)
            nearest[end] = largest
        }
        return filled
    }

    /// Offers the rows `from..<to` (sorted by x) to a max-heap of the `filled` smallest keys so
    /// far, which keeps at most `kept`: outward from the participant's x, right side first.
    private func scan(
        _ from: Int, _ to: Int, _ px: Int, _ py: Int, _ kept: Int, _ heap: UnsafeMutablePointer<Int>,
        _ filled: inout Int
    ) {
        var low = from, high = to  // first row with x >= px
        while low < high {
            let middle = (low + high) / 2
            if x[middle] < px { low = middle + 1 } else { high = middle }
        }
        var row = low
        while row < to, offer(row, px, py, kept, heap, &filled) { row += 1 }
        row = low - 1
        while row >= from, offer(row, px, py, kept, heap, &filled) { row -= 1 }
    }

    /// Offers one row to the heap; false once the row's x gap alone puts it beyond the root, as
    /// then all rows farther out on that side are too: their d² exceeds the root's, so do their
    /// keys, whatever the course indices.
    private func offer(
        _ row: Int, _ px: Int, _ py: Int, _ kept: Int, _ heap: UnsafeMutablePointer<Int>, _ filled: inout Int
    ) -> Bool {
        let dx = x[row] - px, dy = y[row] - py
        let key = (dx * dx + dy * dy) * count + index[row]
        if filled < kept {
            var child = filled
            filled += 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[parent] < key else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = key
            return true
        }
        if dx * dx * count > heap[0] { return false }
        if key < heap[0] { siftDown(key, in: heap, count: filled) }
        return true
    }

    /// Puts `key` at the root of the max-heap `heap[0..<count]` (replacing the root) and restores
    /// the heap order.
    private func siftDown(_ key: Int, in heap: UnsafeMutablePointer<Int>, count: Int) {
        var parent = 0
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count, heap[child + 1] > heap[child] { child += 1 }
            guard heap[child] > key else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = key
    }
}
