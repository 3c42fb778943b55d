/// The BCH-protected words that tell a reader how the symbol was built before it can read any
/// data: the level and mask (format) and, from version 7 on, the version itself.
enum QRFormatInformation {
    /// 15 bits: level (2) and mask (3), a BCH(15,5) remainder of generator 0x537, then XORed with
    /// 101010000010010 so no combination is all light (ISO/IEC 18004:2015 §7.9.1, Annex C).
    static func formatBits(_ level: QRErrorCorrection, mask: Int) -> Int {
        precondition((0..<8).contains(mask))
        let data = level.formatBits << 3 | mask
        return (data << 10 | bchRemainder(data, generator: 0x537, degree: 10)) ^ 0x5412
    }

    /// 18 bits: the version (6) and a BCH(18,6) remainder of generator 0x1F25; unmasked, as the
    /// version is never zero (§7.10, Annex D).
    static func versionBits(_ version: Int) -> Int {
        precondition((7...40).contains(version))
        return version << 12 | bchRemainder(version, generator: 0x1F25, degree: 12)
    }

    /// The remainder of data·x^degree divided by the generator polynomial over GF(2).
    private static func bchRemainder(_ data: Int, generator: Int, degree: Int) -> Int {
        var remainder = data << degree
        for bit in stride(from: remainder.bitWidth - remainder.leadingZeroBitCount - 1, through: degree, by: -1)
        where remainder >> bit & 1 == 1 {
            remainder ^= generator << (bit - degree)
        }
        return remainder
    }
}
