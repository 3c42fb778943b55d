/// Reader for allocation instance files (format `wegweiser-allocation/1`, see
/// `docs/allocation-format.md`).
public struct AllocationInstance {
    /// The only format this reader accepts.
    public static let format = "wegweiser-allocation/1"

    /// Parses an instance: `courses[].capacity` and `participants[].arcs` (`[course, cost]`
    /// pairs); every other field is skipped. Throws ``AllocationError`` with the byte offset
    /// of malformed JSON, or the defect of an ill-formed problem.
    public static func parse(_ bytes: [UInt8]) throws -> AllocationProblem {
        try bytes.withUnsafeBufferPointer { buffer throws(AllocationError) in
            try parse(buffer: buffer)
        }
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(AllocationError) -> AllocationProblem {
        var reader = JSONByteReader(buffer)
        var format: String?
        var capacities: [Int32]?
        var arcStart: [Int32] = [0]
        var arcCourse: [Int32] = []
        var arcCost: [Int64] = []
        var sawParticipants = false
        guard try reader.beginObject("at the start of the instance") else {
            throw AllocationError("invalid allocation instance: empty object")
        }
        repeat {
            let key = try reader.key("in the instance object")
            if reader.matches(key, "format") {
                let raw = try reader.string("as the format")
                format = String(decoding: UnsafeBufferPointer(rebasing: buffer[raw]), as: UTF8.self)
            } else if reader.matches(key, "courses") {
                capacities = try parseCourses(&reader)
            } else if reader.matches(key, "participants") {
                sawParticipants = true
                // Sizing up front avoids repeated regrowth of multi-megabyte arrays.
                let estimate = buffer.count / 10
                arcCourse.reserveCapacity(estimate)
                arcCost.reserveCapacity(estimate)
                try parseParticipants(&reader, &arcStart, &arcCourse, &arcCost)
            } else {
                try reader.skipValue("in the instance object")
            }
        } while try reader.nextElement(close: UInt8(ascii: "}"), "in the instance object")
        if reader.peek() != nil { throw reader.error("expected end of input after the instance object") }
        guard let format else { throw AllocationError("invalid allocation instance: no \"format\" field") }
        guard format == AllocationInstance.format else {
            throw AllocationError("invalid allocation instance: format \"\(format)\", expected \"\(AllocationInstance.format)\"")
        }
        guard let capacities else { throw AllocationError("invalid allocation instance: no \"courses\" array") }
        guard sawParticipants else { throw AllocationError("invalid allocation instance: no \"participants\" array") }
        do {
            return try AllocationProblem(capacities: capacities, arcStart: arcStart, arcCourse: arcCourse, arcCost: arcCost)
        } catch let error as AllocationError {
            throw AllocationError("invalid allocation instance: \(error.message)")
        } catch {
            throw AllocationError("invalid allocation instance: \(error)")
        }
    }

    private static func parseCourses(_ reader: inout JSONByteReader) throws(AllocationError) -> [Int32] {
        var capacities: [Int32] = []
        guard try reader.beginArray("for courses") else { return capacities }
        repeat {
            var capacity: Int32?
            if try reader.beginObject("for course \(capacities.count)") {
                repeat {
                    let key = try reader.key("in a course")
                    if reader.matches(key, "capacity") {
                        capacity = Int32(try reader.integer(in: 0...Int64(Int32.max), "as a course capacity"))
                    } else {
                        try reader.skipValue("in a course")
                    }
                } while try reader.nextElement(close: UInt8(ascii: "}"), "in a course")
            }
            guard let capacity else {
                throw AllocationError("invalid allocation instance before byte \(reader.offset): course \(capacities.count) has no capacity")
            }
            capacities.append(capacity)
        } while try reader.nextElement(close: UInt8(ascii: "]"), "after a course")
        return capacities
    }

    private static func parseParticipants(
        _ reader: inout JSONByteReader, _ arcStart: inout [Int32], _ arcCourse: inout [Int32], _ arcCost: inout [Int64]
    ) throws(AllocationError) {
        guard try reader.beginArray("for participants") else { return }
        repeat {
            var sawArcs = false
            if try reader.beginObject("for a participant") {
                repeat {
                    let key = try reader.key("in a participant")
                    if reader.matches(key, "arcs") {
                        sawArcs = true
                        try parseArcs(&reader, &arcCourse, &arcCost)
                    } else {
                        try reader.skipValue("in a participant")
                    }
                } while try reader.nextElement(close: UInt8(ascii: "}"), "in a participant")
            }
            guard sawArcs else {
                throw AllocationError("invalid allocation instance before byte \(reader.offset): participant \(arcStart.count - 1) has no arcs")
            }
            guard arcCourse.count <= Int(Int32.max) else {
                throw AllocationError("invalid allocation instance: more than \(Int32.max) arcs")
            }
            arcStart.append(Int32(arcCourse.count))
        } while try reader.nextElement(close: UInt8(ascii: "]"), "after a participant")
    }

    private static func parseArcs(
        _ reader: inout JSONByteReader, _ arcCourse: inout [Int32], _ arcCost: inout [Int64]
    ) throws(AllocationError) {
        guard try reader.beginArray("for arcs") else { return }
        repeat {
            try reader.expect(UInt8(ascii: "["), "for an arc [course, cost]")
            arcCourse.append(Int32(try reader.integer(in: 0...Int64(Int32.max), "as an arc's course index")))
            try reader.expect(UInt8(ascii: ","), "between an arc's course and cost")
            arcCost.append(try reader.integer(in: 0...Int64.max, "as an arc's cost"))
            try reader.expect(UInt8(ascii: "]"), "after an arc's cost")
        } while try reader.nextElement(close: UInt8(ascii: "]"), "after an arc")
    }
}
