/// The second- and third-best holders of a course-to-course edge, with their weights.
///
/// A holder field is a participant, `none` (nobody further reaches the target) or `unknown`
/// (someone further may, but who is not kept). Known entries are always the exact next-best
/// holders, so the best holder can leave twice before the edge must be recomputed.
struct RunnerUps {
    static let none: Int32 = -1
    static let unknown: Int32 = -2

    var holder2: Int32
    var holder3: Int32
    var weight2: Int64
    var weight3: Int64

    /// No holder beyond the best.
    static let empty = RunnerUps(holder2: none, holder3: none, weight2: 0, weight3: 0)

    /// Drops the second-best, moving the third up; what follows it is then not known.
    @inline(__always)
    mutating func shiftUp() {
        holder2 = holder3
        weight2 = weight3
        holder3 = holder3 == RunnerUps.none ? RunnerUps.none : RunnerUps.unknown
    }

    /// Removes `leaving` wherever it stands among the runner-ups.
    @inline(__always)
    mutating func remove(_ leaving: Int32) {
        if holder2 == leaving {
            shiftUp()
        } else if holder3 == leaving {
            holder3 = RunnerUps.unknown
        }
    }
}

extension CourseAdjacency {
    /// Offers holder `q` at weight `w` to edge `e`, keeping the best three holders exact.
    /// A holder with parallel arcs keeps its cheapest and appears only once.
    @inline(__always)
    static func merge(_ q: Int32, _ w: Int64, into e: Int, _ holder: UnsafeMutablePointer<Int32>,
                      _ weight: UnsafeMutablePointer<Int64>, _ runners: UnsafeMutablePointer<RunnerUps>) {
        if holder[e] == q {
            if w < weight[e] { weight[e] = w }
            return
        }
        var r = runners[e]
        if w < weight[e] {
            // The old best was the exact minimum of the others, so it is an exact runner-up.
            if r.holder2 != q {
                r.holder3 = r.holder2
                r.weight3 = r.weight2
            }
            r.holder2 = holder[e]
            r.weight2 = weight[e]
            holder[e] = q
            weight[e] = w
        } else if r.holder2 == q {
            if w < r.weight2 { r.weight2 = w }
        } else if r.holder2 == RunnerUps.none || (r.holder2 >= 0 && w < r.weight2) {
            // Overwrites q's own third place, if it had one.
            r.holder3 = r.holder2
            r.weight3 = r.weight2
            r.holder2 = q
            r.weight2 = w
        } else if r.holder2 >= 0 {
            if r.holder3 == q {
                if w < r.weight3 { r.weight3 = w }
            } else if r.holder3 == RunnerUps.none || (r.holder3 >= 0 && w < r.weight3) {
                r.holder3 = q
                r.weight3 = w
            }
        } else {
            return
        }
        runners[e] = r
    }
}
