import Foundation
import Hummingbird
import NIOCore
import SchedulingCore

/// Reads a request's JSON body: at most 1 MiB (413), valid UTF-8 and JSON of the right shape
/// (400, naming the field with the wrong type), its strings in Unicode NFC.
enum JSONBody {
    static let maximumBytes = 1 << 20

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        try decode(type, from: try await data(of: request))
    }

    /// The body's bytes, checked for size, presence and UTF-8.
    static func data(of request: Request) async throws -> Data {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maximumBytes)
        } catch is NIOTooManyBytesError {
            throw APIError.bodyTooLarge
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.bodyTooLarge
        }
        let bytes = buffer.readableBytesView
        guard !bytes.isEmpty else { throw APIError.badRequest("The request needs a JSON body.") }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError.badRequest("The body is not valid UTF-8.")
        }
        let data = Data(bytes)
        guard JSONSyntax.isValid([UInt8](data)) else { throw APIError.badRequest("The body is not well-formed JSON.") }
        return NFC.normalised(json: data)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.typeMismatch(expected, context) {
            let field = path(context.codingPath)
            throw APIError.badRequest(
                "\(field.isEmpty ? "The body" : field) must be \(describe(expected)).",
                errors: [FieldError(field: field, message: "must be \(describe(expected))")])
        } catch let DecodingError.valueNotFound(expected, context) {
            let field = path(context.codingPath)
            throw APIError.badRequest("\(field) must be \(describe(expected)), not null.",
                                      errors: [FieldError(field: field, message: "must not be null")])
        } catch {
            throw APIError.badRequest("The body is not well-formed JSON.")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            .reduce("") { $0.isEmpty || $1.hasPrefix("[") ? $0 + $1 : $0 + "." + $1 }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        case is [String].Type, is [Any].Type: "an array"
        default: "an object"
        }
    }
}

/// Encodes answers as JSON with the status given.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return make(json: ByteBuffer(bytes: data), status: status)
    }

    /// An answer whose JSON is already written.
    static func make(json: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: json))
    }
}
