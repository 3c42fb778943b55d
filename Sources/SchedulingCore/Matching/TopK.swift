/// The best `capacity` candidates seen so far: a binary min-heap whose root is the worst kept,
/// so a candidate that cannot enter costs one comparison.
struct TopK {
    struct Entry {
        let score: Double
        let idRank: Int32
        let row: Int32

        /// Higher score first; equal scores by id.
        func isBetter(than other: Entry) -> Bool {
            score > other.score || (score == other.score && idRank < other.idRank)
        }
    }

    let capacity: Int
    private(set) var heap: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    /// Whether `entry` would be kept; lets the caller defer costly checks until it would.
    func admits(_ entry: Entry) -> Bool {
        heap.count < capacity || (!heap.isEmpty && entry.isBetter(than: heap[0]))
    }

    mutating func insert(_ entry: Entry) {
        if heap.count < capacity {
            heap.append(entry)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[parent].isBetter(than: heap[child]) else { break }
                heap.swapAt(parent, child)
                child = parent
            }
        } else if !heap.isEmpty, entry.isBetter(than: heap[0]) {
            heap[0] = entry
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var worst = parent
                if left < heap.count, heap[worst].isBetter(than: heap[left]) { worst = left }
                if right < heap.count, heap[worst].isBetter(than: heap[right]) { worst = right }
                guard worst != parent else { break }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
    }

    /// The kept entries, best first.
    var sorted: [Entry] {
        heap.sorted { $0.isBetter(than: $1) }
    }
}
