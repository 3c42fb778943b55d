import Foundation

/// MIME rendering: the exact bytes handed to the SMTP server.
/// - SeeAlso: RFC 5322 (message format), RFC 2045/2046 (MIME, multipart), RFC 6047 (iMIP).
extension MailMessage {
    /// The complete message with CRLF line endings, ready for `DATA`.
    ///
    /// Layout: `multipart/mixed` holding `multipart/alternative` (text, HTML) and the
    /// calendar; without a calendar the alternative part is the whole message. Boundaries
    /// derive from the Message-ID, so the same message always renders to the same bytes.
    public func rendered() -> [UInt8] {
        Array(renderedText().utf8)
    }

    /// `rendered()` as a String (all ASCII).
    public func renderedText() -> String {
        let boundaryKey = Self.fnv1a(HeaderText.token(messageId))
        let alternativeBoundary = "=_alt_\(boundaryKey)"
        let mixedBoundary = "=_mixed_\(boundaryKey)"
        let language = HeaderText.token(languageCode, excluding: "\"'<>&;,=")

        var headers = [
            HeaderText.mailbox("From", from),
            HeaderText.mailbox("To", to),
            HeaderText.unstructured("Subject", subject),
            "Date: \(MailDate.format(date))",
            "Message-ID: \(HeaderText.token(messageId))",
            "MIME-Version: 1.0",
        ]
        if !language.isEmpty { headers.append("Content-Language: \(language)") }

        let alternative = multipart(
            boundary: alternativeBoundary,
            parts: [
                part(contentType: "text/plain; charset=UTF-8", body: textBody),
                part(contentType: "text/html; charset=UTF-8", body: htmlDocument(language: language)),
            ]
        )
        let alternativeType = "Content-Type: multipart/alternative; boundary=\"\(alternativeBoundary)\""
        guard let calendar else {
            return (headers + [alternativeType]).joined(separator: "\r\n") + "\r\n\r\n" + alternative
        }
        let filename = HeaderText.token(calendar.filename, excluding: "\"\\/:;,<>()[]?=@")
        let calendarPart = part(
            contentType: "text/calendar; charset=UTF-8; method=\(calendar.method.rawValue)",
            extraHeaders: ["Content-Disposition: attachment; filename=\(filename.isEmpty ? "invite.ics" : filename)"],
            body: calendar.text
        )
        let mixed = multipart(
            boundary: mixedBoundary,
            parts: [alternativeType + "\r\n\r\n" + alternative, calendarPart]
        )
        headers.append("Content-Type: multipart/mixed; boundary=\"\(mixedBoundary)\"")
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + mixed
    }

    /// The HTML fragment in a document that declares language, direction and charset,
    /// so Arabic and Persian mails render right to left in every client.
    private func htmlDocument(language: String) -> String {
        let direction = isRightToLeft ? "rtl" : "ltr"
        return """
            <!DOCTYPE html>
            <html lang="\(language)" dir="\(direction)">
            <head><meta charset="utf-8"></head>
            <body dir="\(direction)">
            \(htmlBody)
            </body>
            </html>

            """
    }

    /// One body part: headers, blank line, base64 of the text in canonical CRLF form.
    /// Base64 keeps every line ≤ 76 characters whatever the script (RFC 2045 §6.8).
    private func part(contentType: String, extraHeaders: [String] = [], body: String) -> String {
        (["Content-Type: \(contentType)", "Content-Transfer-Encoding: base64"] + extraHeaders)
            .joined(separator: "\r\n") + "\r\n\r\n" + Base64.bodyLines(Self.crlf(body))
    }

    /// Parts joined by the delimiter lines of RFC 2046 §5.1.1; each part ends in CRLF.
    private func multipart(boundary: String, parts: [String]) -> String {
        parts.map { "--\(boundary)\r\n\($0)" }.joined() + "--\(boundary)--\r\n"
    }

    /// Text parts travel with CRLF line breaks (RFC 2046 §4.1.1); bare CR or LF become CRLF.
    static func crlf(_ text: String) -> [UInt8] {
        // Byte by byte: CR and LF never occur inside a UTF-8 multi-byte sequence.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 32)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 10 || byte == 13 {
                if !(byte == 10 && previousWasCR) {
                    out.append(13)
                    out.append(10)
                }
            } else {
                out.append(byte)
            }
            previousWasCR = byte == 13
        }
        return out
    }

    /// FNV-1a 64 of the Message-ID as 16 hex digits: stable across runs and platforms,
    /// unlike `Hasher`, and unlikely to collide with base64 text (which never holds `=_`).
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
