import Hummingbird

/// The languages the pages are offered in, chosen by `?lang=`, then the `lang` cookie the switch
/// sets, then `Accept-Language`, then German.
enum PageLanguage: String, CaseIterable, Sendable {
    case de, en, tr, ar, uk, bg

    static let fallback = PageLanguage.de
    static let cookieName = "lang"

    var isRightToLeft: Bool { self == .ar }

    /// What `request` asks for.
    static func of(_ request: Request) -> PageLanguage {
        if let asked = request.uri.queryParameters["lang"].flatMap({ PageLanguage(rawValue: String($0)) }) { return asked }
        if let kept = (request.cookies[cookieName]?.value).flatMap(PageLanguage.init(rawValue:)) { return kept }
        return request.headers[.acceptLanguage].flatMap(preferred(in:)) ?? fallback
    }

    /// The best language of an `Accept-Language` header that the pages offer.
    static func preferred(in header: String) -> PageLanguage? {
        AcceptLanguage.best(in: header)
    }
}

/// Choosing from an `Accept-Language` header (RFC 9110 §12.5.4).
enum AcceptLanguage {
    /// The offered language with the highest quality, the earlier on a tie.
    static func best<Language: RawRepresentable>(in header: String) -> Language? where Language.RawValue == String {
        var best: (language: Language, quality: Double, order: Int)?
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = parts.first, !range.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            let primary = range.split(separator: "-").first.map { $0.lowercased() } ?? ""
            guard quality > 0, let language = Language(rawValue: primary) else { continue }
            if best == nil || quality > best!.quality || (quality == best!.quality && order < best!.order) {
                best = (language, quality, order)
            }
        }
        return best?.language
    }
}
