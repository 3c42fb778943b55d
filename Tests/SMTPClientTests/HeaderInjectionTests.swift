import Foundation
import Testing
@testable import SMTPClient

/// No user-controlled text can add a header line or an SMTP command.
@Suite struct HeaderInjectionTests {
    private func headerLines(of message: MailMessage) -> [String] {
        let text = message.renderedText()
        let end = text.range(of: "\r\n\r\n")!.lowerBound
        return text[..<end].components(separatedBy: "\r\n")
    }

    @Test(arguments: ["X\r\nBcc: x@example.org", "X\nBcc: x@example.org", "X\rBcc: x@example.org",
                      "Ünïcode\r\nBcc: x@example.org", "X\u{2028}Bcc: x@example.org"])
    func displayNameCannotInjectHeaders(name: String) throws {
        // setup
        var message = SampleMessages.ivan
        message.to = try MailAddress("victim@example.org", displayName: name)
        message.from = try MailAddress("kurse@wegweiser.example.org", displayName: name)
        // act
        let lines = headerLines(of: message)
        // check
        #expect(!lines.contains { $0.lowercased().hasPrefix("bcc") })
        let names = lines.filter { !$0.hasPrefix(" ") }.map { $0.prefix { $0 != ":" } }
        #expect(names == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Language",
                          "Content-Type"])
    }

    @Test func subjectWithLineBreaksStaysOneHeader() {
        var message = SampleMessages.ivan
        message.subject = "Hallo\r\nBcc: x@example.org\r\n\r\nbody"
        let lines = headerLines(of: message)
        #expect(!lines.contains { $0.lowercased().hasPrefix("bcc") })
        #expect(lines.contains("Subject: Hallo Bcc: x@example.org body"))
        #expect(lines.filter { !$0.hasPrefix(" ") }.count == 8)
    }

    @Test(arguments: ["a@example.org\r\nRCPT TO:<x@example.org>", "a@exa\nmple.org", "a\r@example.org",
                      "a\u{0}@example.org"])
    func addressWithControlCharactersIsRejected(address: String) {
        #expect(throws: MailAddressError.controlCharacter) { try MailAddress(address) }
    }

    @Test func addressRulesAreEnforced() {
        #expect(throws: MailAddressError.atSignCount(0)) { try MailAddress("no-at.example.org") }
        #expect(throws: MailAddressError.atSignCount(2)) { try MailAddress("a@b@example.org") }
        #expect(throws: MailAddressError.emptyPart) { try MailAddress("@example.org") }
        #expect(throws: MailAddressError.nonASCIILocalPart) { try MailAddress("ayşe@example.org") }
        #expect(throws: MailAddressError.invalidLocalPart) { try MailAddress("a b@example.org") }
        #expect(throws: MailAddressError.invalidLocalPart) { try MailAddress("<a>@example.org") }
        #expect(throws: MailAddressError.invalidDomain) { try MailAddress("a@exa mple.org") }
        #expect(throws: Never.self) { try MailAddress("first.last+tag@mail.example.org", displayName: "محمد") }
    }

    @Test func invalidEnvelopeAddressIsRejectedBeforeConnecting() throws {
        // Port 9 on localhost is never contacted: validation fails first.
        let connection = try CurlSMTPConnection(url: "smtp://127.0.0.1:9", startTLS: false)
        #expect {
            try connection.send(SampleMessages.ivan, envelopeFrom: "a@example.org",
                                recipients: ["b@example.org>\r\nDATA"])
        } throws: { error in
            guard case .permanent(code: 0, _) = error as? SMTPError else { return false }
            return true
        }
    }
}

@Suite struct ScrubbedAddressTests {
    @Test func aServersRefusalKeepsItsWordsButNotTheAddress() {
        #expect(MailAddress.scrubbed("550 5.1.1 <ayse.yilmaz@example.org>: Recipient address rejected")
            == "550 5.1.1 <<address>>: Recipient address rejected")
        #expect(MailAddress.scrubbed("452 too many recipients") == "452 too many recipients")
        #expect(!MailAddress.scrubbed("user x.y+tag@mail.example.org unknown").contains("@"))
    }
}
