import Foundation
import Hummingbird

/// `?limit=N&cursor=…` on list endpoints: without `limit` every item comes back; with it, at most
/// N and a `nextCursor` while more follow. Lists are in id order, and the cursor is the last id
/// given, so a page stays right when items are added meanwhile.
struct Pagination {
    let limit: Int?
    let after: String?

    static let maximumLimit = 1000

    init(limit: Int?, after: String?) {
        self.limit = limit
        self.after = after
    }

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        if let text = query["limit"] {
            guard let limit = Int(text), (1...Self.maximumLimit).contains(limit) else {
                throw APIError.invalid(field: "limit", "must be a whole number from 1 to \(Self.maximumLimit)")
            }
            self.limit = limit
        } else {
            limit = nil
        }
        if let cursor = query["cursor"] {
            guard let data = Data(base64Encoded: Self.padded(String(cursor))), let id = String(data: data, encoding: .utf8) else {
                throw APIError.invalid(field: "cursor", "is not a cursor this API gave out")
            }
            after = id
        } else {
            after = nil
        }
    }

    /// The page of `items` (sorted by `id`) and the cursor for the next one.
    func page<T>(_ items: [T], id: (T) -> String) -> (items: [T], nextCursor: String?) {
        var rest = items[...]
        if let after { rest = rest.drop { id($0) <= after } }
        guard let limit, rest.count > limit else { return (Array(rest), nil) }
        let page = Array(rest.prefix(limit))
        return (page, Self.cursor(id(page[page.count - 1])))
    }

    /// The cursor that continues after the item `id`.
    static func cursor(_ id: String) -> String {
        Data(id.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func padded(_ cursor: String) -> String {
        let base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
    }
}

/// Query values checked against what they may hold: an unknown value is 422 naming the field.
package struct QueryValues {
    let request: Request

    package init(request: Request) {
        self.request = request
    }

    /// The value of `name`; an empty one counts as none.
    package func string(_ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
    }

    func bool(_ name: String) throws -> Bool? {
        guard let text = string(name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw APIError.invalid(field: name, "must be true or false")
        }
    }

    func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type) throws -> E? where E.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = E(rawValue: text) else {
            throw APIError.invalid(field: name, "must be one of: " + E.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}
