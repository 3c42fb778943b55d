import Foundation
import Hummingbird
import NIOCore
import WebAPI

/// The fields of an `application/x-www-form-urlencoded` body (what an HTML form posts).
struct FormBody {
    static let maximumBytes = 64 * 1024
    private var fields: [String: [String]] = [:]

    init(text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            fields[name, default: []].append(value)
        }
    }

    static func read(_ request: Request, upTo limit: Int = maximumBytes) async throws -> FormBody {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        return FormBody(text: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// The field's first value, trimmed; nil when absent or blank.
    subscript(name: String) -> String? {
        fields[name]?.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every non-blank value of a field sent more than once (a group of checkboxes), in order.
    func all(_ name: String) -> [String] {
        (fields[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A checkbox: sent (with any value) when ticked.
    func isTicked(_ name: String) -> Bool {
        fields[name] != nil
    }

    /// Values in Unicode NFC, as the API stores them.
    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding.map(NFC.normalised)
    }
}
