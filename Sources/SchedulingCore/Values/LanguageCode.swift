/// A language as an ISO 639-1 code, or an ISO 639-3 code where the language has no 639-1 code.
public struct LanguageCode: Hashable, Sendable, CustomStringConvertible {
    public let code: String

    /// Accepts a known code in any letter case; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        let lower = text.lowercased()
        guard LanguageCode.iso639_1.contains(lower) || LanguageCode.iso639_3.contains(lower) else { return nil }
        code = lower
    }

    public static let german = LanguageCode("de")!

    /// Whether text in this language is written right to left.
    public var isRightToLeft: Bool {
        LanguageCode.rightToLeft.contains(code)
    }

    public var description: String { code }

    static let iso639_1: Set<String> = Set("""
        aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
        da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu \
        hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb \
        lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om \
        or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw \
        ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.split(separator: " ").map(String.init))

    /// Languages spoken among migrants that have no 639-1 code of their own (Sorani, Kurmanji,
    /// Dari, Iranian Persian, Levantine, Iraqi, Egyptian and Moroccan Arabic, Romani, Southern
    /// Kurdish, Zaza, Assyrian Neo-Aramaic, Berber languages, Krio, Nigerian Pidgin).
    static let iso639_3: Set<String> = [
        "ckb", "kmr", "prs", "pes", "apc", "acm", "arz", "ary", "rom", "sdh", "zza", "aii", "ber",
        "kab", "kri", "pcm",
    ]

    static let rightToLeft: Set<String> = [
        "ar", "fa", "he", "ps", "ur", "yi", "dv", "sd", "ug", "ckb", "prs", "pes", "apc", "acm",
        "arz", "ary", "sdh",
    ]
}
