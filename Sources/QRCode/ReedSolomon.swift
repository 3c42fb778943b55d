/// Reed–Solomon error correction over GF(2⁸) with the QR code's field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (ISO/IEC 18004:2015 §7.5.2).
enum ReedSolomon {
    /// α^i for i in 0..<255, doubled in length so a product's log sum needs no modulo.
    private static let exponents: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for i in 0..<255 {
            table[i] = UInt8(value)
            table[i + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// log_α(v) for v in 1...255; index 0 is unused because 0 has no logarithm.
    private static let logarithms: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for i in 0..<255 { table[Int(exponents[i])] = i }
        return table
    }()

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exponents[logarithms[Int(a)] + logarithms[Int(b)]]
    }

    /// The coefficients of ∏ (x − α^i) for i in 0..<degree, highest power first, without the
    /// leading 1 (§7.5.2 and Annex A).
    static func generator(degree: Int) -> [UInt8] {
        precondition(degree >= 1 && degree <= 255)
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            // Multiply the running product by (x − root); in GF(2⁸) minus is plus.
            for j in 0..<degree {
                coefficients[j] = multiply(coefficients[j], root)
                if j + 1 < degree { coefficients[j] ^= coefficients[j + 1] }
            }
            root = multiply(root, 2)
        }
        return coefficients
    }

    /// The error correction codewords of one block: the remainder of data·x^n divided by the
    /// generator of degree n = `generator.count`.
    static func remainder(of data: ArraySlice<UInt8>, generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        // The tables leave their lazy statics once per block, and the generator goes to
        // logarithms once, so the inner loop is two lookups and an XOR per product.
        let exponents = exponents, logarithms = logarithms
        let generatorLogs = generator.map { $0 == 0 ? -1 : logarithms[Int($0)] }
        var remainder = [UInt8](repeating: 0, count: degree + 1)
        for byte in data {
            let factor = byte ^ remainder[0]
            let factorLog = logarithms[Int(factor)]
            for i in 0..<degree {
                let term = factor == 0 || generatorLogs[i] < 0 ? 0 : exponents[generatorLogs[i] + factorLog]
                remainder[i] = remainder[i + 1] ^ term
            }
        }
        return Array(remainder[0..<degree])
    }
}
