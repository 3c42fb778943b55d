import Foundation
import Testing
@testable import SMTPClient

/// RFC 2047 encoded-words: short enough, whole characters only, and lossless.
@Suite struct EncodedWordTests {
    static let samples = [
        "Ayşe Yılmaz", "محمد الأحمد", "Иван Петров",
        "Ваша запись на интеграционный курс A1 подтверждена, начало 14 сентября 2026 года",
        String(repeating: "😀👩‍👩‍👧", count: 20), String(repeating: "ğ", count: 100), "a", "",
    ]

    /// Decodes one `=?UTF-8?B?…?=` word to its bytes; nil if it is not one.
    private func decode(_ word: String) -> [UInt8]? {
        guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return nil }
        return Data(base64Encoded: String(word.dropFirst(10).dropLast(2))).map { [UInt8]($0) }
    }

    @Test(arguments: samples, [0, 9, 40])
    func wordsFitAndDecodeBack(text: String, used: Int) throws {
        let words = HeaderText.encodedWords(text, firstLineUsed: used)
        var decoded: [UInt8] = []
        for (index, word) in words.enumerated() {
            #expect(word.count <= 75)
            #expect(word.count + (index == 0 ? used : 1) <= 76)
            let bytes = try #require(decode(word))
            // Each word must be valid UTF-8 on its own: no split multi-byte sequence.
            #expect(String(validating: bytes, as: UTF8.self) != nil)
            decoded += bytes
        }
        #expect(String(decoding: decoded, as: UTF8.self) == text)
    }

    @Test func subjectHeaderDecodesToOriginal() throws {
        let subject = SampleMessages.ivan.subject
        let header = HeaderText.unstructured("Subject", subject)
        let words = header.dropFirst("Subject: ".count).components(separatedBy: "\r\n ")
        let bytes = try words.flatMap { try #require(decode($0)) }
        #expect(words.count > 1)
        #expect(String(decoding: bytes, as: UTF8.self) == subject)
    }

    @Test func plainASCIIStaysReadable() {
        #expect(HeaderText.unstructured("Subject", "Kurs bestaetigt") == "Subject: Kurs bestaetigt")
        #expect(HeaderText.mailbox("To", try! MailAddress("a@example.org", displayName: "Anna \"A\" Schmidt"))
            == #"To: "Anna \"A\" Schmidt" <a@example.org>"#)
        // Text that merely looks like an encoded-word is encoded so clients cannot misread it.
        #expect(HeaderText.unstructured("Subject", "=?UTF-8?B?eA==?=").hasPrefix("Subject: =?UTF-8?B?"))
    }
}
