import GRDB
import SchedulingCore

/// A stored value that no longer decodes: the database was changed outside Wegweiser.
public struct CorruptRow: Error, CustomStringConvertible {
    public let column: String
    public let value: String
    public var description: String { "stored \(column) '\(value)' is not valid" }
}

func decode<E: RawRepresentable>(_ type: E.Type, _ raw: String, column: String) throws -> E where E.RawValue == String {
    guard let value = E(rawValue: raw) else { throw CorruptRow(column: column, value: raw) }
    return value
}

func decodeLanguages(_ raw: String, column: String) throws -> [LanguageCode] {
    try raw.split(separator: ",").map { code in
        guard let language = LanguageCode(code) else { throw CorruptRow(column: column, value: raw) }
        return language
    }
}

func decodeDate(_ raw: String, column: String) throws -> LocalDate {
    guard let date = LocalDate(iso: raw) else { throw CorruptRow(column: column, value: raw) }
    return date
}

func decodeTime(_ minutes: Int, column: String) throws -> TimeOfDay {
    guard let time = TimeOfDay(minutes: minutes) else { throw CorruptRow(column: column, value: String(minutes)) }
    return time
}
