import Foundation

/// The pages' words in every language of `Language`, from `<directory>/<language>.json`: the staff
/// pages' `PageLanguage`s from `Resources/strings`, the participants' `LinkLanguage`s from
/// `Resources/participant`.
///
/// Keys are dotted (`catalogue.title`); templates read them as `{{t.catalogue.title}}`, so each
/// language's table is also kept as nested dictionaries for Mustache.
struct UIStrings<Language: RawRepresentable & CaseIterable & Hashable & Sendable>: Sendable where Language.RawValue == String {
    private let flat: [Language: [String: String]]
    private let nested: [Language: NestedStrings]

    /// Reads every language; a key missing from a language falls back to German.
    init(directory: URL) throws {
        var flat: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(language.rawValue).json"))
            flat[language] = try JSONDecoder().decode([String: String].self, from: data)
        }
        let german = Language(rawValue: "de").flatMap { flat[$0] } ?? [:]
        for language in Language.allCases {
            flat[language] = german.merging(flat[language] ?? [:]) { _, own in own }
        }
        self.flat = flat
        nested = flat.mapValues(NestedStrings.init)
    }

    /// One text; the key itself when no language has it (so a gap shows instead of vanishing).
    func text(_ key: String, _ language: Language) -> String {
        flat[language]?[key] ?? key
    }

    /// The text of `key`, only if there is one: for keys that come from a URL.
    func knownText(_ key: String, _ language: Language) -> String? {
        flat[language]?[key]
    }

    /// The whole table of `language`, for templates.
    func table(_ language: Language) -> [String: Any] {
        nested[language]?.tree ?? [:]
    }
}

/// `a.b.c = x` as `["a": ["b": ["c": x]]]`.
private struct NestedStrings: @unchecked Sendable {
    // Only strings and dictionaries of them: immutable once built.
    let tree: [String: Any]

    init(_ flat: [String: String]) {
        var tree: [String: Any] = [:]
        for (key, value) in flat {
            Self.insert(value, at: key.split(separator: ".").map(String.init)[...], into: &tree)
        }
        self.tree = tree
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into tree: inout [String: Any]) {
        guard let head = path.first else { return }
        if path.count == 1 {
            tree[head] = value
            return
        }
        var child = tree[head] as? [String: Any] ?? [:]
        insert(value, at: path.dropFirst(), into: &child)
        tree[head] = child
    }
}
