/// A CSV file as spreadsheets write it (RFC 4180): a header row, then records whose fields may be
/// quoted, hold commas, doubled quotes and line breaks. Fields are separated by commas, or by
/// semicolons when the header row has more of those (a German spreadsheet's CSV).
struct CSVTable {
    struct Record {
        /// The 1-based line on which the record starts, for error messages.
        let line: Int
        let fields: [String]
    }

    let header: [String]
    let records: [Record]

    /// - Throws: `ImportFailure` naming the line of an unterminated quote or a record with the wrong
    ///   number of fields.
    init(parsing text: String, file: String) throws(ImportFailure) {
        var rows: [Record] = []
        var field = "", fields: [String] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quotedField = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        if pending == "\u{FEFF}" { pending = scalars.next() }  // Excel's UTF-8 byte-order mark
        let headerLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Unicode.Scalar = headerLine.filter { $0 == ";" }.count > headerLine.filter { $0 == "," }.count ? ";" : ","
        func endRecord() {
            fields.append(field)
            // Blank lines (one empty unquoted field) separate nothing and are skipped.
            if !(fields.count == 1 && fields[0].isEmpty && !quotedField) {
                rows.append(Record(line: recordLine, fields: fields))
            }
            field = ""; fields = []; quotedField = false
        }
        while let c = pending {
            pending = scalars.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = scalars.next() } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                quotedField = true
            case separator:
                fields.append(field)
                field = ""
            case "\r" where pending == "\n":
                break
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw ImportFailure(file: file, line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let header = rows.first else { throw ImportFailure(file: file, line: 1, reason: "the file is empty; a header row is required") }
        self.header = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        // Every such line is named at once, so that one upload shows them all.
        let wrong = rows.dropFirst().filter { $0.fields.count != header.fields.count }
        if let first = wrong.first {
            var reason = "has \(first.fields.count) fields, the header has \(header.fields.count)"
            if wrong.count > 1 {
                reason += "; so do not lines " + wrong.dropFirst().map { "\($0.line) (\($0.fields.count) fields)" }.joined(separator: ", ")
            }
            throw ImportFailure(file: file, line: first.line, reason: reason)
        }
        records = Array(rows.dropFirst())
    }
}

import Foundation
