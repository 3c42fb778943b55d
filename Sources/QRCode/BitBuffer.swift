/// An append-only sequence of bits packed most significant bit first, as the data stream of
/// ISO/IEC 18004:2015 §7.4 is laid out into codewords.
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    init(capacity: Int = 0) {
        bytes.reserveCapacity((capacity + 7) / 8)
    }

    /// Appends the low `length` bits of `value`, most significant first, filling the last
    /// byte before starting another.
    mutating func append(_ value: Int, bits length: Int) {
        precondition(length >= 0 && length <= 31 && value >> length == 0, "value does not fit in \(length) bits")
        var remaining = length
        while remaining > 0 {
            let used = count & 7
            if used == 0 { bytes.append(0) }
            let take = min(8 - used, remaining)
            let chunk = value >> (remaining - take) & (1 << take - 1)
            bytes[bytes.count - 1] |= UInt8(chunk << (8 - used - take))
            count += take
            remaining -= take
        }
    }
}
