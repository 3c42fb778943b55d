import Testing
@testable import QRCode

@Suite struct FormatInformationTests {
    /// ISO/IEC 18004:2015 Table C.1, as binary strings, most significant bit first.
    static let table: [(QRErrorCorrection, [String])] = [
        (.low, ["111011111000100", "111001011110011", "111110110101010", "111100010011101",
                "110011000101111", "110001100011000", "110110001000001", "110100101110110"]),
        (.medium, ["101010000010010", "101000100100101", "101111001111100", "101101101001011",
                   "100010111111001", "100000011001110", "100111110010111", "100101010100000"]),
        (.quartile, ["011010101011111", "011000001101000", "011111100110001", "011101000000110",
                     "010010010110100", "010000110000011", "010111011011010", "010101111101101"]),
        (.high, ["001011010001001", "001001110111110", "001110011100111", "001100111010000",
                 "000011101100010", "000001001010101", "000110100001100", "000100000111011"]),
    ]

    static func binary(_ value: Int, digits: Int) -> String {
        let bits = String(value, radix: 2)
        return String(repeating: "0", count: digits - bits.count) + bits
    }

    @Test func mediumWithMask0AndLowWithMask4MatchTheStandard() {
        #expect(Self.binary(QRFormatInformation.formatBits(.medium, mask: 0), digits: 15) == "101010000010010")
        #expect(Self.binary(QRFormatInformation.formatBits(.low, mask: 4), digits: 15) == "110011000101111")
    }

    @Test func everyLevelAndMaskMatchesTheStandardsTable() {
        for (level, row) in Self.table {
            for (mask, expected) in row.enumerated() {
                #expect(Self.binary(QRFormatInformation.formatBits(level, mask: mask), digits: 15) == expected,
                        "\(level) mask \(mask)")
            }
        }
    }

    @Test func versionInformationMatchesTheStandardForVersions7_8And40() {
        #expect(Self.binary(QRFormatInformation.versionBits(7), digits: 18) == "000111110010010100")
        #expect(Self.binary(QRFormatInformation.versionBits(8), digits: 18) == "001000010110111100")
        #expect(Self.binary(QRFormatInformation.versionBits(40), digits: 18) == "101000110001101001")
    }

    @Test func symbolCarriesItsLevelAndMaskInBothFormatCopies() throws {
        for (level, _) in Self.table {
            let code = try QRCode.encode("https://wegweiser.example.org/", correction: level)
            let expected = QRFormatInformation.formatBits(level, mask: code.mask)
            let n = code.size
            var first = 0, second = 0
            // Bit positions of §7.9.1 Figure 25, bit 14 first.
            let firstCopy = (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
            let secondCopy = (0..<8).map { (n - 1 - $0, 8) } + (8..<15).map { (8, n - 15 + $0) }
            for (x, y) in firstCopy.reversed() { first = first << 1 | (code[x, y] ? 1 : 0) }
            for (x, y) in secondCopy.reversed() { second = second << 1 | (code[x, y] ? 1 : 0) }
            #expect(first == expected)
            #expect(second == expected)
        }
    }

    @Test func symbolFromVersion7CarriesItsVersionInBothBlocks() throws {
        let code = try QRCode.encode(String(repeating: "a", count: 150), correction: .medium)
        #expect(code.version == 8)
        let bits = QRFormatInformation.versionBits(8)
        for i in 0..<18 {
            let long = code.size - 11 + i % 3, short = i / 3
            #expect(code[long, short] == (bits >> i & 1 == 1))
            #expect(code[short, long] == (bits >> i & 1 == 1))
        }
    }
}
