import Foundation
import SchedulingCore

/// Every mail template of `Notifications/`, chosen by kind and the participant's language.
public struct TemplateLibrary: Sendable {
    /// Where a language has no template of a kind, participants get the German one.
    public static let fallbackLanguage = "de"

    private let templates: [String: MailTemplate]

    /// Reads every `<kind>.<language>.mustache` in `directory`.
    ///
    /// - Throws: `TemplateError` for a file that cannot be read or parsed, or when a kind has no
    ///   German template to fall back on.
    public init(directory: URL) throws {
        var templates: [String: MailTemplate] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
        for name in names {
            let parts = name.split(separator: ".")
            guard parts.count == 3, let kind = MailKind(rawValue: String(parts[0])) else {
                throw TemplateError(file: name, reason: "must be named <kind>.<language>.mustache with a kind of "
                    + MailKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            templates[Self.key(kind, String(parts[1]))] = try MailTemplate(kind: kind, language: String(parts[1]), text: text, file: name)
        }
        for kind in MailKind.allCases where templates[Self.key(kind, Self.fallbackLanguage)] == nil {
            throw TemplateError(file: "\(kind.rawValue).\(Self.fallbackLanguage).mustache", reason: "is missing; every kind needs a German template")
        }
        self.templates = templates
    }

    /// The languages that have a template of `kind`.
    public func languages(for kind: MailKind) -> Set<String> {
        Set(templates.values.filter { $0.kind == kind }.map(\.language))
    }

    /// The mail of `kind` for someone who prefers `language`, in German where that language has none.
    public func render(_ kind: MailKind, language: LanguageCode, values: MailValues) -> RenderedMail {
        let template = templates[Self.key(kind, language.code)] ?? templates[Self.key(kind, Self.fallbackLanguage)]!
        let (subject, paragraphs) = template.render(values)
        let written = LanguageCode(template.language) ?? .german
        return RenderedMail(
            subject: subject, text: paragraphs.joined(separator: "\n\n") + "\n",
            html: RenderedMail.html(subject: subject, paragraphs: paragraphs, language: written, link: values.link), language: written)
    }

    private static func key(_ kind: MailKind, _ language: String) -> String {
        kind.rawValue + "." + language
    }
}

/// A mail's text in its language, as plain text and as an HTML fragment.
///
/// The fragment is wrapped into a document that declares `lang`, `dir` and the charset when the
/// message is composed (`SMTPClient.MailMessage`), so those are decided in one place.
public struct RenderedMail: Sendable, Equatable {
    public let subject: String
    public let text: String
    /// `<main>` with one `<p>` per paragraph; values escaped.
    public let html: String
    /// The language it is written in (German when the preferred one had no template).
    public let language: LanguageCode

    /// `<main>` with a `<p>` per paragraph; where `link` appears, it becomes the one anchor.
    static func html(subject: String, paragraphs: [String], language: LanguageCode, link: String? = nil) -> String {
        var html: [UInt8] = Array("<main>\n".utf8)
        html.reserveCapacity(paragraphs.reduce(64) { $0 + $1.utf8.count + 32 })
        for paragraph in paragraphs {
            html += "<p>".utf8
            if let link, let range = paragraph.range(of: link) {
                escape(paragraph[..<range.lowerBound], into: &html)
                html += "<a href=\"".utf8
                escape(link[...], into: &html)
                html += "\">".utf8
                escape(link[...], into: &html)
                html += "</a>".utf8
                escape(paragraph[range.upperBound...], into: &html)
            } else {
                escape(paragraph[...], into: &html)
            }
            html += "</p>\n".utf8
        }
        html += "</main>\n".utf8
        return String(decoding: html, as: UTF8.self)
    }

    private static func escape(_ text: Substring, into html: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): html += "&amp;".utf8
            case UInt8(ascii: "<"): html += "&lt;".utf8
            case UInt8(ascii: ">"): html += "&gt;".utf8
            case UInt8(ascii: "\""): html += "&quot;".utf8
            case UInt8(ascii: "'"): html += "&#39;".utf8
            case UInt8(ascii: "\n"): html += "<br>\n".utf8
            default: html.append(byte)
            }
        }
    }
}
