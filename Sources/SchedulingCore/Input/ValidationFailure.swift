/// One broken rule on one field of an input, as an API client or an importer reports it.
public struct FieldError: Hashable, Sendable, CustomStringConvertible {
    /// The field's name as the client sent it, dotted for nested fields (`needs.womenOnly`).
    public let field: String
    /// The rule that failed, in a sentence.
    public let message: String
    /// The rule by name (`required`, `between` …) and the values its sentence names, so a page
    /// can say it in its own language; nil for rules said in English only.
    public let rule: String?
    public let values: [String]

    public init(field: String, message: String, rule: String? = nil, values: [String] = []) {
        self.field = field
        self.message = message
        self.rule = rule
        self.values = values
    }

    public var description: String { "\(field): \(message)" }

    // The same broken rule, however it is named for pages.
    public static func == (lhs: FieldError, rhs: FieldError) -> Bool {
        lhs.field == rhs.field && lhs.message == rhs.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(field)
        hasher.combine(message)
    }
}

/// An input broke one or more rules; nothing was changed.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) {
        self.errors = errors
    }

    public init(field: String, message: String) {
        self.errors = [FieldError(field: field, message: message)]
    }

    public var description: String {
        errors.map(\.description).joined(separator: "; ")
    }
}

/// Collects every broken rule of one input, so a client learns all of them at once.
struct Validator {
    private(set) var errors: [FieldError] = []

    mutating func fail(_ field: String, _ message: String, rule: String? = nil, _ values: [String] = []) {
        errors.append(FieldError(field: field, message: message, rule: rule, values: values))
    }

    mutating func require<T>(_ value: T?, _ field: String) -> T? {
        if value == nil { fail(field, "is required", rule: "required") }
        return value
    }

    /// `value` must lie in `range`.
    mutating func between(_ value: Int, _ range: ClosedRange<Int>, _ field: String, unit: String = "") {
        if !range.contains(value) {
            fail(field, "must be between \(range.lowerBound) and \(range.upperBound)\(unit)", rule: "between", ["\(range.lowerBound)", "\(range.upperBound)"])
        }
    }

    static let bidiControls: Set<Unicode.Scalar> = Set(
        ([0x061C, 0x200E, 0x200F] + Array(0x202A...0x202E) + Array(0x2066...0x2069)).compactMap(Unicode.Scalar.init))

    mutating func text(_ value: String?, _ field: String, maxLength: Int = 200) -> String? {
        guard let value = require(value, field) else { return nil }
        let trimmed = value.trimmingWhitespace
        if trimmed.isEmpty {
            fail(field, "must not be empty", rule: "required")
            return nil
        }
        if trimmed.count > maxLength {
            fail(field, "must be at most \(maxLength) characters", rule: "maxLength", ["\(maxLength)"])
            return nil
        }
        // A character may carry any number of combining marks: bytes are bounded too, so a
        // "200-character" name cannot be a megabyte.
        if trimmed.utf8.count > maxLength * 4 {
            fail(field, "must be at most \(maxLength * 4) bytes in UTF-8", rule: "maxLength", ["\(maxLength)"])
            return nil
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            fail(field, "must not contain control characters such as line breaks", rule: "controlCharacters")
            return nil
        }
        // An override such as U+202E would reverse how a roster, a subject line or a calendar
        // entry reads; Arabic and Hebrew text needs none of them.
        if trimmed.unicodeScalars.contains(where: Self.bidiControls.contains) {
            fail(field, "must not contain bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)", rule: "controlCharacters")
            return nil
        }
        return trimmed
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(
        _ value: String?, _ field: String, _ type: E.Type
    ) -> E? where E.RawValue == String {
        guard let value = require(value, field) else { return nil }
        return choice(value, field, type)
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(
        _ value: String, _ field: String, _ type: E.Type
    ) -> E? where E.RawValue == String {
        if let known = E(rawValue: value) { return known }
        let values = E.allCases.map(\.rawValue).joined(separator: ", ")
        fail(field, "must be one of: " + values, rule: "oneOf", [values])
        return nil
    }

    mutating func date(_ value: String?, _ field: String) -> LocalDate? {
        guard let value = require(value, field) else { return nil }
        if let date = LocalDate(iso: value) { return date }
        fail(field, "must be a date YYYY-MM-DD", rule: "date")
        return nil
    }

    mutating func time(_ value: String?, _ field: String) -> TimeOfDay? {
        guard let value = require(value, field) else { return nil }
        if let time = TimeOfDay(text: value) { return time }
        fail(field, "must be a time of day HH:MM", rule: "time")
        return nil
    }

    mutating func coordinate(lat: Double?, lon: Double?) -> Coordinate? {
        let lat = require(lat, "lat"), lon = require(lon, "lon")
        if let lat, !(-90...90).contains(lat) { fail("lat", "must be between -90 and 90", rule: "between", ["-90", "90"]) }
        if let lon, !(-180...180).contains(lon) { fail("lon", "must be between -180 and 180", rule: "between", ["-180", "180"]) }
        guard let lat, let lon, (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        return Coordinate(latitude: lat, longitude: lon)
    }

    mutating func languages(_ values: [String]?, _ field: String) -> [LanguageCode]? {
        guard let values = require(values, field) else { return nil }
        if values.isEmpty {
            fail(field, "must name at least one language", rule: "language")
            return nil
        }
        var codes: [LanguageCode] = []
        for value in values {
            guard let code = LanguageCode(value) else {
                fail(field, "'\(value)' is not an ISO 639-1 language code (or ISO 639-3 where none exists)", rule: "language")
                return nil
            }
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }

    func finish() throws(ValidationFailure) {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
