import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import SchedulingCore
import WebAPI

/// Renders pages: a page template into `layout.mustache`, with the words of the page's language.
struct PageRenderer: Sendable {
    let strings: UIStrings<PageLanguage>
    /// The words of participants' pages, in every mail language.
    let participantStrings: UIStrings<LinkLanguage>
    fileprivate let library: MustacheLibrary

    /// Reads `templates/*.mustache` and `strings/*.json` under `resources`.
    init(resources: URL) throws {
        strings = try UIStrings(directory: resources.appendingPathComponent("strings"))
        participantStrings = try UIStrings(directory: resources.appendingPathComponent("participant"))
        var library = MustacheLibrary()
        let templates = resources.appendingPathComponent("templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// The resources that ship with this module.
    static func bundled() throws -> PageRenderer {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try PageRenderer(resources: url)
    }

    /// A whole HTML document: `template` rendered with `context`, inside the layout.
    func document(_ template: String, _ context: [String: Any], frame: PageFrame) -> String {
        let t = strings.table(frame.language)
        var page = context
        page["t"] = t
        if let staff = frame.staff { page["csrf"] = staff.csrfToken }
        let body = library.render(page, withTemplate: template) ?? ""
        var layout: [String: Any] = [
            "t": t,
            "lang": frame.language.rawValue,
            "dir": frame.language.isRightToLeft ? "rtl" : "ltr",
            "title": strings.text(frame.titleKey, frame.language),
            "body": body,
            "languages": PageLanguage.allCases.map { language -> [String: Any] in
                [
                    "code": language.rawValue, "name": strings.text("language.name", language),
                    "current": language == frame.language, "href": frame.path + "?" + frame.query(with: language),
                ]
            },
        ]
        if let staff = frame.staff {
            layout["staff"] = [
                "name": staff.organisation.name, "person": staff.account.name, "csrf": staff.csrfToken,
                "isCentre": staff.organisation.kind == .adviceCentre || staff.organisation.kind == .admin,
                "isProvider": staff.organisation.kind == .provider || staff.organisation.kind == .admin,
                "isAdmin": staff.organisation.kind == .admin,
            ] as [String: Any]
        }
        return library.render(layout, withTemplate: "layout") ?? ""
    }
}

extension PageRenderer {
    /// One template with `context`, for pages assembled from parts.
    func render(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// A participant's page: `template` inside the plain participant layout, in their language,
    /// with no staff navigation and no language switch (the link is theirs alone).
    func participantDocument(_ template: String, _ context: [String: Any], language: LinkLanguage, titleKey: String) -> String {
        let t = participantStrings.table(language)
        var page = context
        page["t"] = t
        let body = library.render(page, withTemplate: template) ?? ""
        let layout: [String: Any] = [
            "t": t, "lang": language.rawValue, "dir": language.isRightToLeft ? "rtl" : "ltr",
            "title": participantStrings.text(titleKey, language), "body": body,
        ]
        return library.render(layout, withTemplate: "participant-layout") ?? ""
    }
}

/// What every page shares: its language, title, the signed-in organisation and where it is.
struct PageFrame {
    var language: PageLanguage
    var titleKey: String
    var staff: StaffSessions.Session?
    var path: String
    /// The request's query without `lang`, so the language switch keeps filters.
    var queryItems: [(String, String)]

    func query(with language: PageLanguage) -> String {
        (queryItems.filter { $0.0 != "lang" } + [("lang", language.rawValue)])
            .map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

extension Response {
    /// An HTML page with the headers every page carries.
    /// `referrer` is `no-referrer` on pages whose address holds a secret (a personal link, an invitation).
    static func page(_ html: String, status: HTTPResponse.Status = .ok, cookies: [String] = [], referrer: String = "same-origin") -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy: "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            .referrerPolicy: referrer,
            .cacheControl: "no-store",
        ]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// After a form: see the page at `location` (303, so a reload does not post again).
    static func seeOther(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
