/// Draws a symbol's modules: the function patterns first, so the zigzag placement of codewords
/// knows which modules to skip, then the codewords; `QRMask` writes the format bits per mask.
///
/// Modules are a flat row-major `[UInt8]` (1 = dark): no allocation per module.
struct QRMatrixBuilder {
    let version: QRVersion
    let size: Int
    private(set) var modules: [UInt8]
    /// Modules that are not data: finder, separator, timing, alignment, format and version areas.
    private(set) var isFunction: [Bool]
    /// Where format bit i goes: its copy by the top-left finder and its copy by the other two.
    let formatIndices: [(first: Int, second: Int)]

    init(version: QRVersion) {
        self.version = version
        size = version.size
        modules = [UInt8](repeating: 0, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)
        formatIndices = Self.formatIndices(size: size)
        drawTimingPatterns()
        drawFinderPatterns()
        drawAlignmentPatterns()
        // Reserve the format areas now; each mask candidate writes its own bits there.
        for (first, second) in formatIndices {
            isFunction[first] = true
            isFunction[second] = true
        }
        setFunction(x: 8, y: size - 8, dark: true)
        drawVersionInformation()
    }

    /// Alternating modules along row 6 and column 6, dark on even indices (§6.3.5); the finder
    /// patterns drawn afterwards overwrite their ends.
    private mutating func drawTimingPatterns() {
        for i in 0..<size {
            setFunction(x: 6, y: i, dark: i % 2 == 0)
            setFunction(x: i, y: 6, dark: i % 2 == 0)
        }
    }

    /// Three 7×7 finders in the corners, each with its one-module light separator (§6.3.3–6.3.4).
    private mutating func drawFinderPatterns() {
        for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            for dy in -4...4 {
                for dx in -4...4 where (0..<size).contains(cx + dx) && (0..<size).contains(cy + dy) {
                    let ring = max(abs(dx), abs(dy))
                    setFunction(x: cx + dx, y: cy + dy, dark: ring != 2 && ring != 4)
                }
            }
        }
    }

    /// 5×5 alignment patterns at every pair of Table E.1 centres except where a finder sits.
    private mutating func drawAlignmentPatterns() {
        let centres = version.alignmentPatternCentres
        let last = centres.count - 1
        for (i, cy) in centres.enumerated() {
            for (j, cx) in centres.enumerated() where !((i == 0 && (j == 0 || j == last)) || (i == last && j == 0)) {
                for dy in -2...2 {
                    for dx in -2...2 {
                        setFunction(x: cx + dx, y: cy + dy, dark: max(abs(dx), abs(dy)) != 1)
                    }
                }
            }
        }
    }

    /// Two 6×3 copies, beside the top-right and below the bottom-left finder, bit 0 nearest the
    /// corner (§7.10, Figures 22–23).
    private mutating func drawVersionInformation() {
        guard version.hasVersionInformation else { return }
        let bits = QRFormatInformation.versionBits(version.number)
        for i in 0..<18 {
            let dark = bits >> i & 1 == 1
            let long = size - 11 + i % 3, short = i / 3
            setFunction(x: long, y: short, dark: dark)
            setFunction(x: short, y: long, dark: dark)
        }
    }

    /// Places the codewords most significant bit first in two-module columns from the bottom
    /// right, going up and down in turn, skipping function modules and the vertical timing
    /// column (§7.7.3). Modules left over (the remainder bits) stay light.
    mutating func place(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var bit = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for column in 0..<2 {
                    let x = right - column
                    guard !isFunction[y * size + x], bit < bitCount else { continue }
                    modules[y * size + x] = codewords[bit >> 3] >> (7 - UInt8(bit & 7)) & 1
                    bit += 1
                }
            }
            right -= 2
        }
        precondition(bit == bitCount, "codewords do not match the version's capacity")
    }

    /// Format bits go twice: around the top-left finder, and split below the top-right and
    /// beside the bottom-left finder, whose corner also holds an always-dark module (§7.9.1,
    /// Figure 25). Bit 0 is the least significant.
    private static func formatIndices(size: Int) -> [(first: Int, second: Int)] {
        func index(_ x: Int, _ y: Int) -> Int { y * size + x }
        return (0..<15).map { i in
            let first = switch i {
            case 0...5: index(8, i)
            case 6: index(8, 7)
            case 7: index(8, 8)
            case 8: index(7, 8)
            default: index(14 - i, 8)
            }
            let second = i < 8 ? index(size - 1 - i, 8) : index(8, size - 15 + i)
            return (first, second)
        }
    }

    private mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark ? 1 : 0
        isFunction[y * size + x] = true
    }
}
