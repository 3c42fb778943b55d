import Mustache

/// One kind of mail in one language: a subject line and a plain-text body, both Mustache.
///
/// A template file reads `Subject: …`, a blank line, then the body; paragraphs are separated by
/// blank lines. The HTML part is made from the same paragraphs, so the two never disagree.
public struct MailTemplate: Sendable {
    public let kind: MailKind
    public let language: String
    let subject: MustacheTemplate
    let body: MustacheTemplate

    /// - Throws: `TemplateError` naming the file when the header or the Mustache syntax is wrong.
    public init(kind: MailKind, language: String, text: String, file: String) throws(TemplateError) {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard normalised.hasPrefix("Subject: "), let end = normalised.range(of: "\n\n") else {
            throw TemplateError(file: file, reason: "must start with a 'Subject: …' line followed by a blank line")
        }
        let subjectLine = normalised[normalised.index(normalised.startIndex, offsetBy: 9)..<end.lowerBound]
        guard !subjectLine.contains("\n") else {
            throw TemplateError(file: file, reason: "the subject must be one line")
        }
        do {
            // Values are plain text here; the HTML part escapes them itself.
            subject = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + subjectLine)
            body = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + normalised[end.upperBound...])
        } catch {
            throw TemplateError(file: file, reason: "is not valid Mustache: \(error)")
        }
        self.kind = kind
        self.language = language
    }

    /// Paragraphs are runs of non-blank lines. Split on UTF-8 bytes: Character-wise and Foundation
    /// string searching were most of a mail's cost on Linux.
    func render(_ values: MailValues) -> (subject: String, paragraphs: [String]) {
        let context = values.context
        let subject = Self.trimmed(MailValues.singleLine(self.subject.render(context)).utf8[...])
        var paragraphs: [String] = []
        var lines: [String] = []
        let rendered = body.render(context)
        for line in rendered.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let text = Self.trimmed(line)
            if text.isEmpty {
                if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
                lines.removeAll()
            } else {
                lines.append(text)
            }
        }
        if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
        return (subject, paragraphs)
    }

    /// Drops ASCII blanks (space, tab, CR) at both ends; templates indent with nothing else.
    static func trimmed(_ bytes: Substring.UTF8View) -> String {
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0D }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(Substring(bytes[first...last]))
    }
}

/// A template file that cannot be used.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
}

import Foundation
