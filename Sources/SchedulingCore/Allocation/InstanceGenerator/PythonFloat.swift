/// The two pieces of CPython's float behaviour the instance generator's output depends on:
/// `round(x, ndigits)` and `repr(x)` (which `json.dump` writes for floats).
enum PythonFloat {
    /// `round(x, decimals)` for `decimals` in `0...3`: the double nearest to `x` rounded to that
    /// many decimals, where `x` means its exact binary value and exact ties go to the even
    /// neighbour. CPython gets there through a correctly rounded decimal string (`_Py_dg_dtoa`
    /// mode 3, then `strtod`); this does the same with integers: `x = M·2^E` exactly, so
    /// `x·10^d = M·10^d / 2^-E` with `M·10^d < 2^63`, rounded half-even by shifting.
    static func round(_ x: Double, decimals: Int) -> Double {
        precondition((0...3).contains(decimals), "PythonFloat.round supports 0...3 decimals")
        guard x.isFinite, x != 0 else { return x }
        let bits = x.magnitude.bitPattern
        let biased = Int(bits >> 52), fraction = bits & (1 << 52 - 1)
        let significand = biased == 0 ? fraction : fraction | 1 << 52
        let exponent = biased == 0 ? -1074 : biased - 1075
        if exponent >= 0 { return x }  // an integer already
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = significand * scale  // < 2^53 · 2^10
        let shift = -exponent
        var quotient: UInt64
        if shift >= 64 {
            quotient = 0  // scaled < 2^63 <= half of 2^shift
        } else {
            quotient = scaled >> UInt64(shift)
            let remainder = scaled & (1 << UInt64(shift) - 1), half = UInt64(1) << UInt64(shift - 1)
            if remainder > half || (remainder == half && quotient & 1 == 1) { quotient += 1 }
        }
        let magnitude: Double
        if quotient < 1 << 53 {
            // Both operands exact, and IEEE division rounds correctly: the same double as
            // strtod("quotient e-decimals").
            magnitude = Double(quotient) / Double(scale)
        } else {
            // Only for |x| >= 2^53 / 10^decimals; the decimal string is parsed correctly rounded.
            magnitude = Double("\(quotient)e-\(decimals)")!
        }
        return x < 0 ? -magnitude : magnitude
    }

    /// `repr(x)`: the shortest digits that read back as `x` (Swift's `description` finds the same
    /// digits), laid out as CPython does: positional for decimal exponents -4 < e <= 16 with at
    /// least one digit after the point, otherwise `d.ddde+XX`. Non-finite values are written as
    /// `json.dump` writes them (`Infinity`, `-Infinity`, `NaN`).
    static func repr(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        let sign = x.sign == .minus ? "-" : ""
        // Swift writes e.g. "1.5e+16", "1e-05", "0.0001" or "9.5e+15": take digits and exponent.
        let description = x.magnitude.description
        var mantissa = Substring(description), exponent = 0
        if let e = description.firstIndex(of: "e") {
            exponent = Int(description[description.index(after: e)...])!
            mantissa = description[..<e]
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        for byte in mantissa.utf8 {
            if byte == UInt8(ascii: ".") { pointAt = digits.count } else { digits.append(byte) }
        }
        // The decimal point sits after `point` digits: value = 0.d1d2… × 10^point.
        var point = (pointAt ?? digits.count) + exponent
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { return sign + "0.0" }
        let zero = UInt8(ascii: "0")
        var out: [UInt8] = []
        if point <= -4 || point > 16 {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out += digits[1...]
            }
            let e = point - 1
            out += Array((e < 0 ? "e-" : "e+").utf8)
            if abs(e) < 10 { out.append(zero) }
            out += Array(String(abs(e)).utf8)
        } else if point <= 0 {
            out += Array("0.".utf8) + [UInt8](repeating: zero, count: -point) + digits
        } else if point >= digits.count {
            out += digits + [UInt8](repeating: zero, count: point - digits.count) + Array(".0".utf8)
        } else {
            out += digits[..<point] + [UInt8(ascii: ".")] + digits[point...]
        }
        return sign + String(decoding: out, as: UTF8.self)
    }
}
