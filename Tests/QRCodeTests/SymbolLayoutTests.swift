import Testing
@testable import QRCode

@Suite struct SymbolLayoutTests {
    @Test func capacitiesMatchTheStandardsByteModeTable() {
        // ISO/IEC 18004:2015 Table 7, byte mode column.
        let expected: [(version: Int, low: Int, medium: Int, quartile: Int, high: Int)] = [
            (1, 17, 14, 11, 7), (7, 154, 122, 86, 64), (9, 230, 180, 130, 98), (10, 271, 213, 151, 119),
            (20, 858, 666, 482, 382), (40, 2953, 2331, 1663, 1273),
        ]
        for row in expected {
            let version = QRVersion(row.version)
            #expect(version.byteCapacity(.low) == row.low, "version \(row.version)")
            #expect(version.byteCapacity(.medium) == row.medium, "version \(row.version)")
            #expect(version.byteCapacity(.quartile) == row.quartile, "version \(row.version)")
            #expect(version.byteCapacity(.high) == row.high, "version \(row.version)")
        }
        #expect(QRVersion(1).totalCodewords == 26)
        #expect(QRVersion(7).totalCodewords == 196)
        #expect(QRVersion(40).totalCodewords == 3706)
    }

    @Test func alignmentCentresMatchAnnexE() {
        #expect(QRVersion(1).alignmentPatternCentres == [])
        #expect(QRVersion(2).alignmentPatternCentres == [6, 18])
        #expect(QRVersion(7).alignmentPatternCentres == [6, 22, 38])
        #expect(QRVersion(32).alignmentPatternCentres == [6, 34, 60, 86, 112, 138])
        #expect(QRVersion(36).alignmentPatternCentres == [6, 24, 50, 76, 102, 128, 154])
        #expect(QRVersion(40).alignmentPatternCentres == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test func byteModeDataIsModeCountBytesTerminatorThenAlternatingPads() {
        let codewords = QRCodewords.dataCodewords(for: Array("A".utf8), version: QRVersion(1), level: .medium)
        // 0100 | 00000001 | 01000001 | 0000, then 11101100 and 00010001 in turn.
        #expect(codewords == [0x40, 0x14, 0x10] + (0..<13).map { $0 % 2 == 0 ? 0xEC : 0x11 })
    }

    @Test func smallestVersionThatHoldsTheBytesIsChosen() throws {
        #expect(try QRCode.encode(String(repeating: "x", count: 14)).version == 1)
        #expect(try QRCode.encode(String(repeating: "x", count: 15)).version == 2)
        #expect(try QRCode.encode("", correction: .high).version == 1)
        #expect(try QRCode.encode(String(repeating: "x", count: 2953), correction: .low).version == 40)
    }

    @Test func textBeyondVersion40IsTooLong() {
        #expect(throws: QRCodeError.tooLong(bytes: 3000, maximum: 1273)) {
            try QRCode.encode(String(repeating: "x", count: 3000), correction: .high)
        }
        #expect(throws: QRCodeError.tooLong(bytes: 2954, maximum: 2953)) {
            try QRCode.encode(String(repeating: "x", count: 2954), correction: .low)
        }
        // Multi-byte characters count by their UTF-8 bytes.
        #expect(throws: QRCodeError.tooLong(bytes: 1274 * 2, maximum: 1273)) {
            try QRCode.encode(String(repeating: "ж", count: 1274), correction: .high)
        }
    }

    @Test func finderTimingAndDarkModuleSitWhereReadersLook() throws {
        let code = try QRCode.encode("https://wegweiser.example.org/b/abc", correction: .quartile)
        let n = code.size
        #expect(n == code.version * 4 + 17)
        for (left, top) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code[left + dx, top + dy] == (ring != 2), "finder at \(left),\(top)")
                }
            }
        }
        for i in 8..<(n - 8) {
            #expect(code[i, 6] == (i % 2 == 0))
            #expect(code[6, i] == (i % 2 == 0))
        }
        #expect(code[8, n - 8])
        #expect(!code[-1, 0] && !code[n, n - 1], "outside the symbol reads as light")
    }

    @Test func encodingIsDeterministic() throws {
        #expect(try QRCode.encode("Wegweiser") == QRCode.encode("Wegweiser"))
        #expect(try QRCode.encode("Wegweiser") != QRCode.encode("Wegweiser", correction: .high))
    }
}
