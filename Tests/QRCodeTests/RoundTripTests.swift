import Testing
@testable import QRCode
import TestSupport

/// Every symbol is read back by zxing-cpp, with the text, level, version and mask it carries.
@Suite struct RoundTripTests {
    /// A personal link as confirmations print it: a path and ~90 URL-safe base64 characters.
    static let personalLink: String = {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return "https://wegweiser.example.org/b/" + String((0..<90).map { alphabet[($0 * 37 + 11) % 64] })
    }()

    static let longText: String = {
        let sentence = "Termin bestätigt: Beratung, Raum 2.14, bitte 10 Minuten früher da sein. "
        return String(repeating: sentence, count: 14)
    }()

    static let texts: [String] = [
        personalLink,
        "x",
        "مرحبا بالعالم — Привет, мир",
        longText,
    ]

    static let levels: [(QRErrorCorrection, String)] = [(.low, "L"), (.medium, "M"), (.quartile, "Q"), (.high, "H")]

    @Test func personalLinkNeedsVersion6Or7AtMedium() throws {
        #expect(Self.personalLink.utf8.count == 122)
        #expect((6...7).contains(try QRCode.encode(Self.personalLink).version))
    }

    @Test func longTextNeedsVersion20OrMoreAtEveryLevel() throws {
        #expect((900...1100).contains(Self.longText.utf8.count))
        for (level, _) in Self.levels {
            #expect(try QRCode.encode(Self.longText, correction: level).version >= 20)
        }
    }

    @Test(arguments: texts.indices)
    func zxingReadsBackTheTextAtEveryLevel(textIndex: Int) async throws {
        guard await Python.require(module: "zxingcpp") else { return }
        let text = Self.texts[textIndex]
        for (level, letter) in Self.levels {
            let code = try QRCode.encode(text, correction: level)
            let reading = try await ZXingReader.read(code)
            #expect(reading == .init(text: text, level: letter, version: code.version, mask: code.mask),
                    "\(letter), version \(code.version)")
        }
    }
}
