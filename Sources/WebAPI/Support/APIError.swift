import Hummingbird
import SchedulingCore

/// An answer other than success, rendered as RFC 9457 problem+json by `ProblemMiddleware`.
public struct APIError: Error, Sendable {
    public let status: HTTPResponse.Status
    /// A short, stable slug: the problem type is `https://wegweiser.example/problems/<slug>`.
    public let slug: String
    public let detail: String?
    public let errors: [FieldError]
    /// Seconds until a refused client may try again (`Retry-After`).
    public let retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ slug: String, detail: String? = nil, errors: [FieldError] = [], retryAfter: Int? = nil) {
        self.status = status
        self.slug = slug
        self.detail = detail
        self.errors = errors
        self.retryAfter = retryAfter
    }

    /// 429: the client sent more than its share; `Retry-After` says when it may go on.
    public static func tooManyRequests(_ detail: String, retryAfter: Int) -> APIError {
        APIError(.tooManyRequests, "too-many-requests", detail: detail, retryAfter: retryAfter)
    }

    public static func badRequest(_ detail: String, errors: [FieldError] = []) -> APIError {
        APIError(.badRequest, "malformed-request", detail: detail, errors: errors)
    }

    public static let bodyTooLarge = APIError(.contentTooLarge, "body-too-large", detail: "Request bodies may hold at most 1 MiB.")

    public static func unauthorized(_ detail: String?) -> APIError {
        APIError(.unauthorized, "unauthorized", detail: detail ?? "Send Authorization: Bearer <token>.")
    }

    public static func forbidden(_ detail: String) -> APIError {
        APIError(.forbidden, "forbidden", detail: detail)
    }

    /// Unknown ids and ids the caller may not see answer alike, so ids cannot be probed.
    public static func notFound(_ what: String, _ id: String) -> APIError {
        APIError(.notFound, "not-found", detail: "No \(what) '\(id)' is visible to you.")
    }

    public static func conflict(_ slug: String, _ detail: String) -> APIError {
        APIError(.conflict, slug, detail: detail)
    }

    public static func invalid(_ failure: ValidationFailure) -> APIError {
        APIError(
            .unprocessableContent, "validation-failed",
            detail: failure.errors.count == 1 ? failure.errors[0].description : "\(failure.errors.count) fields are invalid.",
            errors: failure.errors)
    }

    public static func invalid(field: String, _ message: String) -> APIError {
        invalid(ValidationFailure(field: field, message: message))
    }
}

/// The JSON body of a problem response.
struct ProblemDocument: Encodable {
    struct Field: Encodable {
        let field: String
        let message: String
    }

    let type: String
    let title: String
    let status: Int
    let detail: String
    let errors: [Field]?
    /// For a server error: the id its log line carries, so a report can be matched to it.
    let requestId: String?

    init(_ error: APIError, requestId: String? = nil) {
        self.requestId = requestId
        type = "https://wegweiser.example/problems/" + error.slug
        title = error.status.reasonPhrase
        status = error.status.code
        detail = error.detail ?? error.status.reasonPhrase
        errors = error.errors.isEmpty ? nil : error.errors.map { Field(field: $0.field, message: $0.message) }
    }
}
