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

    /// Paragraphs are runs of non-blank lines. Split natively: Foundation's string searching is
    /// the slowest part of a mail on Linux.
    func render(_ values: MailValues) -> (subject: String, paragraphs: [String]) {
        let context = values.context
        let subject = Self.trimmed(Substring(MailValues.singleLine(self.subject.render(context))))
        var paragraphs: [String] = []
        var lines: [Substring] = []
        for line in body.render(context).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
                lines.removeAll()
            } else {
                lines.append(Substring(Self.trimmed(line)))
            }
        }
        if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
        return (subject, paragraphs)
    }

    static func trimmed(_ text: Substring) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

/// A template file that cannot be used.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
}

import Foundation
