/// Minimal forward-only JSON tokenizer over raw bytes: just enough to pull integers out of a
/// known layout and skip everything else, without building an object tree (a 40 MB instance
/// would cost several hundred MB as Foundation objects).
struct JSONByteReader {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0
    private static let maxDepth = 256

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func error(_ what: String) -> AllocationError {
        if offset < bytes.count {
            let shown = bytes[offset] >= 0x20 && bytes[offset] < 0x7F
                ? "'\(Character(Unicode.Scalar(bytes[offset])))'" : "byte 0x\(String(bytes[offset], radix: 16))"
            return AllocationError("invalid allocation instance at byte \(offset): \(what), found \(shown)")
        }
        return AllocationError("invalid allocation instance at byte \(offset): \(what), found end of input")
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    /// Skips whitespace and returns the next byte without consuming it (nil at end).
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    mutating func expect(_ byte: UInt8, _ context: String) throws(AllocationError) {
        guard peek() == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))' \(context)")
        }
        offset += 1
    }

    /// After an element of a container: consumes ',' and returns true, or consumes `close`
    /// and returns false.
    mutating func nextElement(close: UInt8, _ context: String) throws(AllocationError) -> Bool {
        switch peek() {
        case UInt8(ascii: ","): offset += 1; return true
        case close: offset += 1; return false
        default: throw error("expected ',' or '\(Character(Unicode.Scalar(close)))' \(context)")
        }
    }

    /// Consumes `[` and reports whether the array is empty (then `]` is consumed too).
    mutating func beginArray(_ context: String) throws(AllocationError) -> Bool {
        try expect(UInt8(ascii: "["), context)
        if peek() == UInt8(ascii: "]") { offset += 1; return false }
        return true
    }

    /// Consumes `{` and reports whether the object is empty (then `}` is consumed too).
    mutating func beginObject(_ context: String) throws(AllocationError) -> Bool {
        try expect(UInt8(ascii: "{"), context)
        if peek() == UInt8(ascii: "}") { offset += 1; return false }
        return true
    }

    /// Reads a string and returns its raw (still escaped) bytes' range.
    mutating func string(_ context: String) throws(AllocationError) -> Range<Int> {
        try expect(UInt8(ascii: "\""), context)
        let start = offset
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return start..<(offset - 1)
            case UInt8(ascii: "\\"): offset += 2
            case 0..<0x20: throw error("control character in string \(context)")
            default: offset += 1
            }
        }
        throw error("unterminated string \(context)")
    }

    /// Reads an object key and the following ':'.
    mutating func key(_ context: String) throws(AllocationError) -> Range<Int> {
        let range = try string("for a key \(context)")
        try expect(UInt8(ascii: ":"), "after a key \(context)")
        return range
    }

    func matches(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let lit = literal.utf8Start
        for i in 0..<range.count where bytes[range.lowerBound + i] != lit[i] { return false }
        return true
    }

    /// Reads an integer in `range`; fractions and exponents are rejected.
    mutating func integer(in range: ClosedRange<Int64>, _ context: String) throws(AllocationError) -> Int64 {
        skipWhitespace()
        let start = offset
        var negative = false
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { negative = true; offset += 1 }
        var value: Int64 = 0
        var digits = 0
        while offset < bytes.count, bytes[offset] &- 0x30 < 10 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(bytes[offset] &- 0x30))
            if o1 || o2 { offset = start; throw error("integer too large \(context)") }
            value = s
            digits += 1
            offset += 1
        }
        if digits == 0 { offset = start; throw error("expected an integer \(context)") }
        if offset < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[offset]) {
            offset = start
            throw error("expected an integer (no fraction or exponent) \(context)")
        }
        if negative { value = -value }
        guard range.contains(value) else {
            offset = start
            throw error("integer \(value) outside \(range.lowerBound)...\(range.upperBound) \(context)")
        }
        return value
    }

    /// Skips any JSON value.
    mutating func skipValue(_ context: String, depth: Int = 0) throws(AllocationError) {
        guard depth < JSONByteReader.maxDepth else { throw error("nesting too deep \(context)") }
        switch peek() {
        case UInt8(ascii: "\""):
            _ = try string(context)
        case UInt8(ascii: "{"):
            guard try beginObject(context) else { return }
            repeat {
                _ = try key(context)
                try skipValue(context, depth: depth + 1)
            } while try nextElement(close: UInt8(ascii: "}"), context)
        case UInt8(ascii: "["):
            guard try beginArray(context) else { return }
            repeat {
                try skipValue(context, depth: depth + 1)
            } while try nextElement(close: UInt8(ascii: "]"), context)
        case UInt8(ascii: "t"): try literal("true", context)
        case UInt8(ascii: "f"): try literal("false", context)
        case UInt8(ascii: "n"): try literal("null", context)
        default:
            try skipNumber(context)
        }
    }

    private mutating func literal(_ word: StaticString, _ context: String) throws(AllocationError) {
        let n = word.utf8CodeUnitCount
        guard offset + n <= bytes.count, matches(offset..<(offset + n), word) else {
            throw error("expected a JSON value \(context)")
        }
        offset += n
    }

    private mutating func skipNumber(_ context: String) throws(AllocationError) {
        let start = offset
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
                 UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                offset += 1
            default:
                if offset == start { throw error("expected a JSON value \(context)") }
                return
            }
        }
        if offset == start { throw error("expected a JSON value \(context)") }
    }
}
