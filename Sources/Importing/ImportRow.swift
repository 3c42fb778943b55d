import SchedulingCore
import WebAPI

/// One record of an import file, read field by field with the type each field must have.
///
/// CSV cells are text and parsed here (`true`/`false`, numbers, `;`-separated lists); JSON values
/// must already have the right type. Either way a bad value becomes a `FieldError` naming the field.
struct ImportRow {
    enum Source {
        case csv([String: String])
        case json([String: JSONValue])
    }

    let line: Int
    let source: Source
    private(set) var errors: [FieldError] = []

    init(line: Int, source: Source) {
        self.line = line
        self.source = source
    }

    /// The keys present, dotted for nested JSON objects (`needs.womenOnly`) and spelled the same
    /// way for the flat CSV column (`needsWomenOnly`), so one list of allowed fields serves both.
    var keys: [String] {
        switch source {
        case .csv(let cells): return Array(cells.keys)
        case .json(let object):
            return object.flatMap { key, value -> [String] in
                if case .object(let nested) = value { return nested.keys.map { key + "." + $0 } }
                return [key]
            }
        }
    }

    static func csvColumn(for key: String) -> String {
        guard let dot = key.firstIndex(of: ".") else { return key }
        let rest = key[key.index(after: dot)...]
        return key[..<dot] + rest.prefix(1).uppercased() + rest.dropFirst()
    }

    private func raw(_ key: String) -> JSONValue? {
        switch source {
        case .csv(let cells):
            guard let cell = cells[ImportRow.csvColumn(for: key)]?.trimmingCharacters(in: .whitespaces),
                  !cell.isEmpty else { return nil }
            return .string(cell)
        case .json(let object):
            var value: JSONValue? = object[key]
            if let dot = key.firstIndex(of: "."), case .object(let nested)? = object[String(key[..<dot])] {
                value = nested[String(key[key.index(after: dot)...])]
            }
            return value == .null ? nil : value
        }
    }

    private var isCSV: Bool {
        if case .csv = source { return true }
        return false
    }

    mutating func string(_ key: String) -> String? {
        switch raw(key) {
        case nil: return nil
        // In NFC, as the API stores text.
        case .string(let text): return NFC.normalised(text)
        case .number(let number) where isCSV == false:
            errors.append(FieldError(field: key, message: "must be a string, not the number \(number)"))
            return nil
        default:
            errors.append(FieldError(field: key, message: "must be a string"))
            return nil
        }
    }

    mutating func bool(_ key: String) -> Bool? {
        switch raw(key) {
        case nil: return nil
        case .bool(let value): return value
        case .string(let text) where isCSV:
            switch text.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: break
            }
        default: break
        }
        errors.append(FieldError(field: key, message: "must be true or false"))
        return nil
    }

    mutating func double(_ key: String) -> Double? {
        switch raw(key) {
        case nil: return nil
        case .number(let value): return value
        case .string(let text) where isCSV:
            if let value = Double(text), value.isFinite { return value }
        default: break
        }
        errors.append(FieldError(field: key, message: "must be a number"))
        return nil
    }

    mutating func int(_ key: String) -> Int? {
        guard let value = double(key) else { return nil }
        guard value.rounded() == value, abs(value) < 1e9 else {
            errors.append(FieldError(field: key, message: "must be a whole number"))
            return nil
        }
        return Int(value)
    }

    mutating func list(_ key: String) -> [String]? {
        switch raw(key) {
        case nil: return nil
        case .string(let text) where isCSV:
            return text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .array(let values):
            var strings: [String] = []
            for value in values {
                guard case .string(let text) = value else {
                    errors.append(FieldError(field: key, message: "must be a list of strings"))
                    return nil
                }
                strings.append(text)
            }
            return strings
        default:
            errors.append(FieldError(field: key, message: isCSV ? "must be a list separated by ;" : "must be a list of strings"))
            return nil
        }
    }
}

import Foundation
import WebAPI
