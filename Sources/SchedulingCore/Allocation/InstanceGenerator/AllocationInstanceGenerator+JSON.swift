extension AllocationInstanceGenerator.Instance {
    /// The instance file, byte for byte what the script writes with
    /// `json.dump(inst, f, ensure_ascii=False, separators=(",", ":"))` and a final newline:
    /// keys in the script's order, floats as Python's `repr`, non-ASCII text as raw UTF-8.
    /// Written by hand because only the exact bytes reproduce the reference SHA-256 sums.
    public func jsonBytes() -> [UInt8] {
        let districtNames = AllocationInstanceGenerator.districts.map(\.name)
        let arcCount = participants.reduce(0) { $0 + $1.arcs.count }
        var json = PythonJSONWriter(compact: true, capacity: 300 + courses.count * 170 + participants.count * 180 + arcCount * 10)
        json.open("{")
        json.key("format"); json.string(AllocationInstance.format)
        json.key("generator"); json.open("{")
        json.key("script"); json.string("gen_instance.py")
        json.key("participants"); json.integer(options.participants)
        json.key("courses"); json.integer(options.courses)
        json.key("seed"); json.integer(options.seed)
        json.key("reachKm"); json.float(options.reachKm ?? AllocationInstanceGenerator.defaultReachKm(courses: options.courses))
        json.key("minEligible"); json.integer(options.minEligible)
        json.key("maxEligible"); json.integer(options.maxEligible)
        json.key("todPenalty"); json.integer(options.todPenalty)
        json.close("}")
        json.key("maxArcCost"); json.integer(maxArcCost)
        json.key("unassignedCost"); json.integer(unassignedCost)
        json.key("courses"); json.open("[")
        for course in courses {
            json.item(); json.open("{")
            json.key("id"); json.string(course.id)
            json.key("capacity"); json.integer(course.capacity)
            json.key("level"); json.string(course.level.rawValue)
            json.key("womenOnly"); json.bool(course.womenOnly)
            json.key("district"); json.string(districtNames[course.district])
            json.key("x"); json.integer(course.x)
            json.key("y"); json.integer(course.y)
            json.key("startDay"); json.integer(course.startDay)
            json.key("timeOfDay"); json.string(course.timeOfDay.rawValue)
            json.close("}")
        }
        json.close("]")
        json.key("participants"); json.open("[")
        for participant in participants {
            json.item(); json.open("{")
            json.key("id"); json.string(participant.id)
            json.key("level"); json.string(participant.level.rawValue)
            json.key("gender"); json.string(participant.gender.rawValue)
            json.key("needsWomenOnly"); json.bool(participant.needsWomenOnly)
            json.key("district"); json.string(districtNames[participant.district])
            json.key("x"); json.integer(participant.x)
            json.key("y"); json.integer(participant.y)
            json.key("preferredTime"); json.string(participant.preferredTime.rawValue)
            json.key("arcs"); json.open("[")
            for arc in participant.arcs {
                json.item(); json.open("[")
                json.item(); json.integer(arc.course)
                json.item(); json.integer(arc.cost)
                json.close("]")
            }
            json.close("]")
            json.close("}")
        }
        json.close("]")
        json.close("}")
        json.newline()
        return json.bytes()
    }

    /// The script's report on standard error (without the newline): `json.dumps` of `out`, the
    /// sizes, seats, arcs and the spread of list lengths, with Python's default separators and
    /// ASCII escaping, so benches can read either tool's report.
    public func summaryLine(out: String) -> String {
        let lengths = participants.map(\.arcs.count).sorted()
        let arcs = lengths.reduce(0, +)
        var json = PythonJSONWriter(compact: false)
        json.open("{")
        json.key("out"); json.string(out)
        json.key("participants"); json.integer(options.participants)
        json.key("courses"); json.integer(options.courses)
        json.key("seats"); json.integer(courses.reduce(0) { $0 + $1.capacity })
        json.key("arcs"); json.integer(arcs)
        json.key("eligible_min"); json.integer(lengths.first ?? 0)
        json.key("eligible_median"); json.integer(lengths.isEmpty ? 0 : lengths[lengths.count / 2])
        json.key("eligible_max"); json.integer(lengths.last ?? 0)
        json.key("eligible_mean"); json.float(PythonFloat.round(Double(arcs) / Double(max(1, lengths.count)), decimals: 2))
        json.key("below_10"); json.integer(lengths.firstIndex { $0 >= 10 } ?? lengths.count)
        json.key("maxArcCost"); json.integer(maxArcCost)
        json.key("unassignedCost"); json.integer(unassignedCost)
        json.close("}")
        return String(decoding: json.bytes(), as: UTF8.self)
    }
}

/// The output of Python's `json` encoder: either `dump(value, ensure_ascii=False, separators=(",", ":"))`
/// (`compact`) or plain `dumps(value)` (separators `", "` and `": "`, non-ASCII escaped as `\u` and four hex digits).
///
/// Writes into raw memory it grows itself: files run to megabytes of small appends, which
/// `Array.append` makes several times slower, most of all in the debug builds tests run.
struct PythonJSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let compact: Bool
    /// Whether the next value or key is the first in its container (no separator before it).
    private var first = true

    init(compact: Bool, capacity: Int = 256) {
        self.compact = compact
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The bytes written.
    consuming func bytes() -> [UInt8] {
        let base = self.base, count = self.count
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress?.initialize(from: base, count: count)
            initialized = count
        }
    }

    /// Makes room for `extra` more bytes.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    private mutating func append(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount)
        base.advanced(by: count).initialize(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        reserve(bytes.count)
        base.advanced(by: count).initialize(from: start, count: bytes.count)
        count += bytes.count
    }

    mutating func open(_ bracket: Unicode.Scalar) {
        append(UInt8(ascii: bracket))
        first = true
    }

    mutating func close(_ bracket: Unicode.Scalar) {
        append(UInt8(ascii: bracket))
        first = false
    }

    /// Separates an array element from the previous one.
    mutating func item() {
        if !first { append(compact ? "," : ", ") }
        first = false
    }

    /// A key of plain ASCII (the generator's own field names, which need no escaping).
    mutating func key(_ name: StaticString) {
        item()
        append(UInt8(ascii: "\""))
        append(name)
        append(compact ? "\":" : "\": ")
    }

    mutating func integer(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude, digits = 1
        while magnitude >= 10 {
            magnitude /= 10
            digits += 1
        }
        reserve(digits)
        magnitude = value.magnitude
        count += digits
        var position = count
        while position > count - digits {
            position -= 1
            base[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
    }

    /// The newline `gen_instance.py` writes after the object.
    mutating func newline() {
        append(UInt8(ascii: "\n"))
    }

    mutating func bool(_ value: Bool) {
        append(value ? "true" : "false")
    }

    mutating func float(_ value: Double) {
        string(PythonFloat.repr(value), quoted: false)
    }

    /// Escapes `"`, `\` and control characters as Python does (`\n` and friends short, the rest
    /// `\u00xx`, lowercase); outside `compact` also every character beyond `~` (surrogate pairs
    /// above U+FFFF).
    mutating func string(_ text: String, quoted: Bool = true) {
        if quoted { append(UInt8(ascii: "\"")) }
        defer { if quoted { append(UInt8(ascii: "\"")) } }
        let limit: UInt8 = compact ? 0xFF : 0x7E
        var text = text
        let plain = text.withUTF8 { utf8 in
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte > limit { return false }
                i += 1
            }
            append(utf8)  // the common case: nothing to escape
            return true
        }
        if plain { return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": append(#"\""#)
            case "\\": append(#"\\"#)
            case "\n": append(#"\n"#)
            case "\r": append(#"\r"#)
            case "\t": append(#"\t"#)
            case "\u{08}": append(#"\b"#)
            case "\u{0C}": append(#"\f"#)
            default:
                if scalar.value < 0x20 || (!compact && scalar.value > 0x7E) {
                    if scalar.value > 0xFFFF {
                        let offset = scalar.value - 0x1_0000
                        escape(0xD800 + (offset >> 10))
                        escape(0xDC00 + (offset & 0x3FF))
                    } else {
                        escape(scalar.value)
                    }
                } else {
                    for byte in scalar.utf8 { append(byte) }
                }
            }
        }
    }

    private mutating func escape(_ unit: UInt32) {
        let hex: StaticString = "0123456789abcdef"
        append(#"\u"#)
        for shift in stride(from: 12, through: 0, by: -4) {
            append(hex.utf8Start[Int((unit >> UInt32(shift)) & 0xF)])
        }
    }
}
