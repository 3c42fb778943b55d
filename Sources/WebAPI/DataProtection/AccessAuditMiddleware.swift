import Hummingbird
import Logging

/// Notes every refused request in the log and the audit trail: 401 for a token that is unknown
/// and 403 for a role that may not. Inside the authenticator, so it knows the caller.
struct AccessAuditMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let audit: AuditTrail

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            if response.status == .forbidden { note(.forbidden, request, context) }
            return response
        } catch let error as APIError where error.status == .forbidden || (error.status == .unauthorized && context.presentedUnknownToken) {
            note(error.status == .forbidden ? .forbidden : .unauthorized, request, context)
            throw error
        }
    }

    private func note(_ action: AuditAction, _ request: Request, _ context: Context) {
        let path = Self.loggable(request.uri.path)
        context.logger.warning(action == .forbidden ? "request forbidden" : "request with an unknown token", metadata: [
            "organisation": "\(context.caller?.id ?? "-")", "address": "\(context.clientAddress)",
            "method": "\(request.method)", "path": "\(path)",
        ])
        audit.record(action, by: context.actor, subject: "\(request.method) \(path)")
    }

    /// A path as it may be kept: ids at most, never a person's data, and a personal link's token
    /// (which acts on the booking) replaced.
    static func loggable(_ path: String) -> String {
        guard path.hasPrefix("/b/") else { return path }
        let rest = path.dropFirst(3)
        return "/b/…" + (rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "")
    }
}
