/// One row or column of up to 192 modules as bits (version 40 has 177 per side), module i
/// at bit i % 64 of word i / 64, so the penalty rules treat 64 modules per operation.
///
/// Three plain words rather than `SIMD4<UInt64>`: each operation is a few scalar
/// instructions the optimizer inlines, with no lane shuffles.
struct QRBitLine: Equatable {
    private var low: UInt64 = 0, middle: UInt64 = 0, high: UInt64 = 0

    static let zero = QRBitLine()
    static let capacity = 192

    /// The first `count` modules set, to keep window tests inside the symbol.
    static func firstModules(_ count: Int) -> QRBitLine {
        func word(_ index: Int) -> UInt64 {
            let bits = min(max(count - index * 64, 0), 64)
            return bits == 64 ? .max : (1 << UInt64(bits)) - 1
        }
        return QRBitLine(low: word(0), middle: word(1), high: word(2))
    }

    mutating func insertModule(_ index: Int) {
        let bit: UInt64 = 1 << UInt64(index & 63)
        switch index >> 6 {
        case 0: low |= bit
        case 1: middle |= bit
        default: high |= bit
        }
    }

    func containsModule(_ index: Int) -> Bool {
        let word = switch index >> 6 {
        case 0: low
        case 1: middle
        default: high
        }
        return word >> UInt64(index & 63) & 1 == 1
    }

    /// Module i takes the value of module i + `distance` (0...63); the last ones become light.
    /// Lining a line up against itself this way tests a window of modules at every position.
    func advanced(by distance: Int) -> QRBitLine {
        guard distance > 0 else { return self }
        let right = UInt64(distance), left = UInt64(64 - distance)
        return QRBitLine(
            low: low >> right | middle << left,
            middle: middle >> right | high << left,
            high: high >> right
        )
    }

    /// Module i takes the value of module i − 1; module 0 becomes light.
    func delayedByOne() -> QRBitLine {
        QRBitLine(low: low << 1, middle: middle << 1 | low >> 63, high: high << 1 | middle >> 63)
    }

    var moduleCount: Int {
        low.nonzeroBitCount + middle.nonzeroBitCount + high.nonzeroBitCount
    }

    static func & (lhs: QRBitLine, rhs: QRBitLine) -> QRBitLine {
        QRBitLine(low: lhs.low & rhs.low, middle: lhs.middle & rhs.middle, high: lhs.high & rhs.high)
    }

    static func | (lhs: QRBitLine, rhs: QRBitLine) -> QRBitLine {
        QRBitLine(low: lhs.low | rhs.low, middle: lhs.middle | rhs.middle, high: lhs.high | rhs.high)
    }

    static func ^ (lhs: QRBitLine, rhs: QRBitLine) -> QRBitLine {
        QRBitLine(low: lhs.low ^ rhs.low, middle: lhs.middle ^ rhs.middle, high: lhs.high ^ rhs.high)
    }

    static prefix func ~ (line: QRBitLine) -> QRBitLine {
        QRBitLine(low: ~line.low, middle: ~line.middle, high: ~line.high)
    }

    static func ^= (lhs: inout QRBitLine, rhs: QRBitLine) { lhs = lhs ^ rhs }
}
