/// One of the 40 symbol sizes and the capacities that follow from it.
struct QRVersion: Equatable {
    static let range = 1...40

    let number: Int

    init(_ number: Int) {
        precondition(Self.range.contains(number), "QR versions are 1...40")
        self.number = number
    }

    /// Modules per side: 21 for version 1, four more for each version after it (§5.3.1).
    var size: Int { number * 4 + 17 }

    /// Byte mode's character count field grows with the symbol (§7.4.1, Table 3).
    var byteCountBits: Int { number <= 9 ? 8 : 16 }

    /// Whether the two 6×3 version information blocks are present (§7.10: versions 7 and up).
    var hasVersionInformation: Bool { number >= 7 }

    /// Modules left for codewords once the function patterns, format and version information
    /// are drawn; the remainder bits (0, 3, 4 or 7) are what this leaves over whole codewords.
    var codewordModules: Int {
        var modules = (16 * number + 128) * number + 64
        if number >= 2 {
            let alignments = number / 7 + 2
            modules -= (25 * alignments - 10) * alignments - 55
            if number >= 7 { modules -= 36 }
        }
        return modules
    }

    /// All codewords, data and error correction together (Table 9, column "total").
    var totalCodewords: Int { codewordModules / 8 }

    func errorCorrectionCodewordsPerBlock(_ level: QRErrorCorrection) -> Int {
        Self.eccPerBlock[level.tableIndex][number]
    }

    func blockCount(_ level: QRErrorCorrection) -> Int {
        Self.blocks[level.tableIndex][number]
    }

    func dataCodewords(_ level: QRErrorCorrection) -> Int {
        totalCodewords - errorCorrectionCodewordsPerBlock(level) * blockCount(level)
    }

    /// The most bytes byte mode fits: mode indicator (4 bits), count, then 8 bits per byte.
    func byteCapacity(_ level: QRErrorCorrection) -> Int {
        (dataCodewords(level) * 8 - 4 - byteCountBits) / 8
    }

    /// Row and column centres of the alignment patterns (Annex E, Table E.1): the first at 6,
    /// the last seven from the edge, the others evenly spaced by an even step counted back from
    /// the last. Version 32 is the one row the rounding rule does not reproduce.
    var alignmentPatternCentres: [Int] {
        guard number > 1 else { return [] }
        let count = number / 7 + 2
        let step = number == 32 ? 26 : (number * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        var centres = [6]
        centres.reserveCapacity(count)
        for i in stride(from: count - 2, through: 0, by: -1) {
            centres.append(size - 7 - i * step)
        }
        return centres
    }

    // ISO/IEC 18004:2015 Table 9, indexed [level][version]; index 0 is unused.
    // Rows are low, medium, quartile, high.

    private static let eccPerBlock: [[Int]] = [
        [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    private static let blocks: [[Int]] = [
        [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]
}
