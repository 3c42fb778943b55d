import Foundation
import SchedulingCore

/// One import file read into records, not yet validated against the rules or the database.
public struct ImportFile: Sendable {
    /// The path as given, for messages.
    public let path: String
    public let kind: ImportKind
    var records: [ImportRecord]

    public var recordCount: Int { records.count }

    /// Reads a `.csv` or `.json` file whose name starts with its kind.
    public static func read(path: String) throws(ImportFailure) -> ImportFile {
        let name = (path as NSString).lastPathComponent
        guard let kind = ImportKind(fileName: name) else {
            throw ImportFailure(
                file: path, line: 0,
                reason: "the file name must start with what it holds: "
                    + ImportKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportFailure(file: path, line: 0, reason: "cannot be read")
        }
        switch (name as NSString).pathExtension.lowercased() {
        case "csv":
            guard let text = String(data: data, encoding: .utf8) else {
                throw ImportFailure(file: path, line: 0, reason: "is not UTF-8 text")
            }
            return try ImportFile(path: path, kind: kind, csv: CSVTable(parsing: text, file: path))
        case "json":
            return try ImportFile(path: path, kind: kind, json: [UInt8](data))
        default:
            throw ImportFailure(file: path, line: 0, reason: "must end in .csv or .json")
        }
    }

    /// An uploaded spreadsheet's bytes, named `name` in messages: UTF-8 with or without a
    /// byte-order mark, fields separated by `,` or `;`.
    public init(name: String, kind: ImportKind, csv bytes: [UInt8]) throws(ImportFailure) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ImportFailure(file: name, line: 0, reason: "is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"")
        }
        try self.init(path: name, kind: kind, csv: CSVTable(parsing: text, file: name))
    }

    init(path: String, kind: ImportKind, csv table: CSVTable) throws(ImportFailure) {
        let unknown = table.header.filter { column in
            !kind.fields.contains { ImportRow.csvColumn(for: $0) == column }
        }
        if let column = unknown.first {
            throw ImportFailure(
                file: path, line: 1,
                reason: "unknown column '\(column)'; \(kind.rawValue) files have: "
                    + kind.fields.map(ImportRow.csvColumn(for:)).sorted().joined(separator: ", "))
        }
        self.path = path
        self.kind = kind
        records = table.records.map { record in
            ImportRecord(kind: kind, row: ImportRow(
                line: record.line, source: .csv(Dictionary(zip(table.header, record.fields)) { first, _ in first })))
        }
    }

    init(path: String, kind: ImportKind, json bytes: [UInt8]) throws(ImportFailure) {
        let values: [JSONValue]
        do {
            values = try JSONDecoder().decode([JSONValue].self, from: Data(bytes))
        } catch {
            throw ImportFailure(file: path, line: 0, reason: "is not a JSON array of objects (\(error.localizedDescription))")
        }
        let lines = JSONValue.elementLines(of: bytes)
        var records: [ImportRecord] = []
        for (index, value) in values.enumerated() {
            let line = index < lines.count ? lines[index] : 0
            guard case .object(let object) = value else {
                throw ImportFailure(file: path, line: line, reason: "each element must be a JSON object")
            }
            let row = ImportRow(line: line, source: .json(object))
            if let field = row.keys.first(where: { !kind.fields.contains($0) }) {
                throw ImportFailure(
                    file: path, line: line,
                    reason: "unknown field '\(field)'; \(kind.rawValue) have: " + kind.fields.sorted().joined(separator: ", "))
            }
            records.append(ImportRecord(kind: kind, row: row))
        }
        self.path = path
        self.kind = kind
        self.records = records
    }
}

/// One row of an import file: identity, owner and content, with type errors found while reading.
struct ImportRecord: Sendable {
    let line: Int
    let id: String?
    let owner: String?
    var payload: ImportPayload
    let errors: [FieldError]

    init(kind: ImportKind, row: ImportRow) {
        var row = row
        line = row.line
        id = row.string("id")
        owner = kind.ownerField.flatMap { row.string($0) }
        payload = kind.payload(from: &row)
        errors = row.errors
    }
}
