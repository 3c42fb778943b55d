import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SchedulingCore
import Store

/// Turns every error a route throws — ours, Hummingbird's, the engine's — into problem+json, so
/// no client ever sees an HTML page or an empty 500.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error)
            guard problem.status.code >= 500 else { return Self.response(problem) }
            // Errors name rows and SQL, never a participant's data: GRDB leaves statement arguments out.
            context.logger.error("request failed", metadata: [
                "error": "\(String(reflecting: type(of: error))): \(error)", "method": "\(request.method)", "path": "\(AccessAuditMiddleware.loggable(request.uri.path))",
            ])
            return Self.response(problem, requestId: context.requestId)
        }
    }

    static func problem(for error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let failure as ValidationFailure: return .invalid(failure)
        case let conflict as AttendanceConflict: return APIError(conflict)
        case is NIOTooManyBytesError: return .bodyTooLarge
        case let error as HTTPResponseError:
            switch error.status {
            case .contentTooLarge: return .bodyTooLarge
            case .notFound: return APIError(.notFound, "not-found", detail: "There is no such resource; see /openapi.yaml.")
            case .methodNotAllowed: return APIError(.methodNotAllowed, "method-not-allowed", detail: (error as? HTTPError)?.body)
            default: return APIError(error.status, "http-error", detail: (error as? HTTPError)?.body)
            }
        default:
            return APIError(.internalServerError, "internal-error", detail: "The server could not answer; nothing was changed.")
        }
    }

    static func response(_ problem: APIError, requestId: String? = nil) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(ProblemDocument(problem, requestId: requestId))) ?? Data("{}".utf8)
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if problem.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"wegweiser\"" }
        if let retryAfter = problem.retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: problem.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension RequestContext {
    /// The id Hummingbird gives every request and puts on its log lines.
    public var requestId: String? {
        logger[metadataKey: "hb.request.id"].map { "\($0)" }
    }
}
