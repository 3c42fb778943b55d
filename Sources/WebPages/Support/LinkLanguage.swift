import SchedulingCore

/// The languages of participants' own pages: every language their mail is written in. A person
/// whose language has no words here reads German, as their mail does.
enum LinkLanguage: String, CaseIterable, Sendable {
    case de, en, tr, ar, bg, ro, pl, uk, ru, fa

    var isRightToLeft: Bool { self == .ar || self == .fa }

    init(_ language: LanguageCode) {
        self = LinkLanguage(rawValue: language.code) ?? .de
    }

    /// For pages that belong to no one yet (a link that leads nowhere): the browser's language.
    static func preferred(in header: String) -> LinkLanguage? {
        AcceptLanguage.best(in: header)
    }
}
