import Testing
@testable import QRCode

@Suite struct MaskPenaltyTests {
    /// The rules of ISO/IEC 18004:2015 §7.8.3.1 module by module, as plainly as possible, to
    /// check the bit-parallel implementation against.
    static func referencePenalty(_ grid: [UInt8], size: Int) -> Int {
        func module(_ x: Int, _ y: Int) -> UInt8 { grid[y * size + x] }
        var total = 0
        let lines = (0..<size).map { y in (0..<size).map { module($0, y) } }
            + (0..<size).map { x in (0..<size).map { module(x, $0) } }
        for line in lines {
            var run = 1
            for i in 1...size {
                if i < size && line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { total += 3 + run - 5 }
                    run = 1
                }
            }
            for start in 0...(size - 11) {
                let window = Array(line[start..<(start + 11)])
                if window == [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0] { total += 40 }
                if window == [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1] { total += 40 }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = module(x, y)
                if module(x + 1, y) == colour && module(x, y + 1) == colour && module(x + 1, y + 1) == colour {
                    total += 3
                }
            }
        }
        // Whole 5 % steps away from 50 % dark: |100·dark/cells − 50| / 5, in integers.
        let dark = grid.reduce(0) { $0 + Int($1) }, cells = size * size
        total += 10 * (abs(100 * dark - 50 * cells) / (5 * cells))
        return total
    }

    static func penalty(_ grid: [UInt8], size: Int) -> Int {
        QRMask.penalty(QRBitMatrix(size: size) { grid[$0] != 0 })
    }

    @Test func allLightVersion1SymbolScoresByHand() {
        // Rule 1: 42 lines, each one run of 21: 3 + 16. Rule 2: 20 × 20 blocks of 3.
        // Rule 3: no dark module. Rule 4: 0 % dark is ten 5 % steps from half.
        let grid = [UInt8](repeating: 0, count: 21 * 21)
        #expect(Self.penalty(grid, size: 21) == 42 * 19 + 400 * 3 + 100)
        #expect(Self.referencePenalty(grid, size: 21) == 42 * 19 + 400 * 3 + 100)
    }

    @Test func bitParallelPenaltyAgreesWithTheRulesOnRandomGrids() {
        var random = SplitMix64(seed: 18004)
        for size in [21, 45, 63, 64, 65, 101, 128, 129, 177] {
            for density in [2, 5, 8] {
                let grid = (0..<size * size).map { _ in random.next() % 10 < density ? 1 : 0 as UInt8 }
                #expect(Self.penalty(grid, size: size) == Self.referencePenalty(grid, size: size), "size \(size)")
            }
        }
    }

    @Test func bitParallelPenaltyAgreesWithTheRulesOnEncodedSymbols() throws {
        for (count, level) in [(10, QRErrorCorrection.low), (120, .medium), (700, .quartile), (1200, .high)] {
            let code = try QRCode.encode(String(repeating: "Wegweiser ", count: count / 10), correction: level)
            #expect(Self.penalty(code.modules, size: code.size) == Self.referencePenalty(code.modules, size: code.size))
        }
    }

    @Test func chosenMaskHasTheLowestPenaltyOfAllEight() throws {
        let text = "https://wegweiser.example.org/b/Zm9vYmFyYmF6cXV4"
        let code = try QRCode.encode(text, correction: .medium)
        var builder = QRMatrixBuilder(version: QRVersion(code.version))
        builder.place(QRCodewords.sequence(for: Array(text.utf8), version: QRVersion(code.version), level: .medium))
        let penalties = QRMask.all.map { mask in
            var grid = builder.modules
            for y in 0..<code.size {
                for x in 0..<code.size where !builder.isFunction[y * code.size + x] && QRMask.inverts(mask, x: x, y: y) {
                    grid[y * code.size + x] ^= 1
                }
            }
            let format = QRFormatInformation.formatBits(.medium, mask: mask)
            for (bit, (first, second)) in builder.formatIndices.enumerated() {
                grid[first] = UInt8(format >> bit & 1)
                grid[second] = UInt8(format >> bit & 1)
            }
            if mask == code.mask { #expect(grid == code.modules) }
            return Self.referencePenalty(grid, size: code.size)
        }
        #expect(penalties[code.mask] == penalties.min())
        #expect(penalties.firstIndex(of: penalties.min()!) == code.mask, "ties go to the lower mask")
    }
}

/// A small seeded generator so random grids are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ z >> 30) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ z >> 27) &* 0x94D0_49BB_1331_11EB
        return z ^ z >> 31
    }
}
