import Foundation
import TestSupport
import Testing
@testable import SMTPClient

/// Rendered messages compared byte for byte with reviewed messages in `Fixtures/*.golden` (named so
/// that the rule keeping mail output out of git does not catch them).
/// Set `WEGWEISER_RECORD_GOLDEN=1` to rewrite them after an intended change, then review the diff.
@Suite struct GoldenMessageTests {
    @Test(arguments: SampleMessages.all.map(\.fixture))
    func renderedMessageMatchesGoldenFile(fixture: String) throws {
        // setup
        let message = try #require(SampleMessages.all.first { $0.fixture == fixture }?.message)
        let url = SampleMessages.fixtures.appendingPathComponent(fixture)
        // act
        let rendered = message.rendered()
        // check
        try GoldenFile.expect(rendered, matches: url)
    }

    @Test func renderingIsDeterministicAndUsesCRLFOnly() {
        let first = SampleMessages.mohammed.renderedText()
        #expect(first == SampleMessages.mohammed.renderedText())
        #expect(!first.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!first.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
    }

    @Test func everyLineIsASCIIAndAtMost76Characters() {
        for (_, message) in SampleMessages.all {
            for line in message.renderedText().components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 76, "too long: \(line)")
                #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII: \(line)")
            }
        }
    }

    @Test func rightToLeftMessageDeclaresDirectionAndLanguage() throws {
        let html = try #require(decodedParts(of: SampleMessages.mohammed)["text/html; charset=UTF-8"])
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(SampleMessages.mohammed.renderedText().contains("\r\nContent-Language: ar\r\n"))
        let ltr = try #require(decodedParts(of: SampleMessages.ivan)["text/html; charset=UTF-8"])
        #expect(ltr.contains("<html lang=\"ru\" dir=\"ltr\">"))
    }

    @Test func boundariesDeriveFromMessageId() {
        var other = SampleMessages.ivan
        other.messageId = MailMessage.messageId(outboxId: 44, domain: "wegweiser.example.org")
        let key = MailMessage.fnv1a("<outbox-43@wegweiser.example.org>")
        #expect(SampleMessages.ivan.renderedText().contains("boundary=\"=_mixed_\(key)\""))
        #expect(!other.renderedText().contains(key))
    }

    @Test func messageIdComesFromOutboxRow() {
        #expect(MailMessage.messageId(outboxId: 42, domain: "wegweiser.example.org") == "<outbox-42@wegweiser.example.org>")
        #expect(MailMessage.messageId(outboxId: 1, domain: "evil>\r\nBcc: x@y") == "<outbox-1@evilBcc:xy>")
    }

    @Test func cancellationUsesMethodCancel() {
        var message = SampleMessages.ayse
        message.calendar?.method = .cancel
        #expect(message.renderedText().contains("Content-Type: text/calendar; charset=UTF-8; method=CANCEL\r\n"))
    }

    @Test func messageWithoutCalendarIsAlternativeOnly() {
        var message = SampleMessages.ayse
        message.calendar = nil
        let text = message.renderedText()
        #expect(text.contains("\r\nContent-Type: multipart/alternative;"))
        #expect(!text.contains("multipart/mixed"))
        #expect(!text.contains("text/calendar"))
    }

    /// Decodes the base64 leaf parts of a rendered message by content type (test-only parser).
    private func decodedParts(of message: MailMessage) -> [String: String] {
        var parts: [String: String] = [:]
        for chunk in message.renderedText().components(separatedBy: "\r\n--") {
            guard let split = chunk.range(of: "\r\n\r\n"), chunk.contains("base64") else { continue }
            let header = chunk[..<split.lowerBound]
            guard let typeLine = header.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("Content-Type: ") })
            else { continue }
            let body = chunk[split.upperBound...].replacingOccurrences(of: "\r\n", with: "")
            let data = Data(base64Encoded: body) ?? Data()
            parts[String(typeLine.dropFirst("Content-Type: ".count))] = String(decoding: data, as: UTF8.self)
        }
        return parts
    }
}
