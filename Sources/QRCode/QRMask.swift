/// The eight data masks and the penalty that picks one (ISO/IEC 18004:2015 §7.8).
///
/// Masking inverts data modules by a fixed pattern so the symbol avoids large blank areas and
/// shapes a reader could mistake for a finder pattern.
enum QRMask {
    static let all = 0..<8

    /// Whether mask `mask` inverts the module at column `x`, row `y` (§7.8.2, Table 10).
    static func inverts(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// `rowFlips[mask][y % 12]`: the modules of row y that `mask` inverts. Every pattern of
    /// Table 10 repeats every 6 columns and 12 rows, so 12 lines per mask cover all rows.
    private static let rowFlips: [[QRBitLine]] = all.map { mask in
        (0..<12).map { y in line(where: { x in inverts(mask, x: x, y: y) }) }
    }

    /// `columnFlips[mask][x % 6]`: the modules of column x that `mask` inverts.
    private static let columnFlips: [[QRBitLine]] = all.map { mask in
        (0..<6).map { x in line(where: { y in inverts(mask, x: x, y: y) }) }
    }

    private static func line(where isSet: (Int) -> Bool) -> QRBitLine {
        var line = QRBitLine.zero
        for index in 0..<QRBitLine.capacity where isSet(index) { line.insertModule(index) }
        return line
    }

    /// Applies every mask with its format bits, scores each, and keeps the lowest penalty;
    /// on a tie the lower mask number wins, so the result is deterministic.
    static func best(
        for builder: QRMatrixBuilder, level: QRErrorCorrection
    ) -> (modules: [UInt8], mask: Int) {
        let size = builder.size
        let unmasked = QRBitMatrix(size: size) { builder.modules[$0] != 0 }
        let data = QRBitMatrix(size: size) { !builder.isFunction[$0] }
        let rowFlips = rowFlips, columnFlips = columnFlips
        var best: (symbol: QRBitMatrix, mask: Int, penalty: Int) = (unmasked, 0, .max)
        for mask in all {
            var candidate = unmasked
            for i in 0..<size {
                candidate.rows[i] ^= rowFlips[mask][i % 12] & data.rows[i]
                candidate.columns[i] ^= columnFlips[mask][i % 6] & data.columns[i]
            }
            // The format areas are reserved light in `unmasked`; only dark bits need drawing.
            let format = QRFormatInformation.formatBits(level, mask: mask)
            for (bit, (first, second)) in builder.formatIndices.enumerated() where format >> bit & 1 == 1 {
                candidate.insert(x: first % size, y: first / size)
                candidate.insert(x: second % size, y: second / size)
            }
            let score = penalty(candidate)
            if score < best.penalty { best = (candidate, mask, score) }
        }
        return (best.symbol.bytes, best.mask)
    }
}
