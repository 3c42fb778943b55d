import Testing
@testable import QRCode

@Suite struct ReedSolomonTests {
    /// The worked example of the Thonky QR tutorial: "HELLO WORLD" at version 1-M.
    @Test func helloWorldVersion1MGetsTheTutorialsErrorCorrectionCodewords() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        let ecc = ReedSolomon.remainder(of: data[...], generator: ReedSolomon.generator(degree: 10))
        #expect(ecc == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test func fieldMultiplicationReducesByTheQRPolynomial() {
        #expect(ReedSolomon.multiply(0x80, 2) == 0x1D)  // x⁸ ≡ x⁴ + x³ + x² + 1
        #expect(ReedSolomon.multiply(0, 0xFF) == 0)
        #expect(ReedSolomon.multiply(1, 0xA7) == 0xA7)
    }

    @Test func codewordWithItsErrorCorrectionIsDivisibleByTheGenerator() {
        let data: [UInt8] = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let generator = ReedSolomon.generator(degree: 22)
        let codeword = data + ReedSolomon.remainder(of: data[...], generator: generator)
        #expect(ReedSolomon.remainder(of: codeword[...], generator: generator).allSatisfy { $0 == 0 })
    }
}
