import Hummingbird
import Logging

/// Notes every refused API request in the log and the audit trail: 401 for a token that is
/// unknown and 403 for a role that may not. Inside the authenticator, so it knows the caller.
/// Pages note their own refusals (`WebPages.guarded`), where the staff session is known.
package struct AccessAuditMiddleware: RouterMiddleware {
    package typealias Context = APIRequestContext
    let audit: AuditTrail

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError where error.status == .forbidden || (error.status == .unauthorized && context.presentedUnknownToken) {
            note(error.status == .forbidden ? .forbidden : .unauthorized, request, context)
            throw error
        }
    }

    private func note(_ action: AuditAction, _ request: Request, _ context: Context) {
        Self.note(action, request, context, organisationId: context.caller?.id, person: context.callerPerson, audit: audit)
    }

    /// Logs and audits a refusal of `request`, by `organisationId` when known.
    package static func note(
        _ action: AuditAction, _ request: Request, _ context: Context, organisationId: String?, person: String? = nil, audit: AuditTrail
    ) {
        let path = loggable(request.uri.path)
        context.logger.warning(action == .forbidden ? "request forbidden" : "request with an unknown token", metadata: [
            "organisation": "\(organisationId ?? "-")", "address": "\(context.clientAddress)",
            "method": "\(request.method)", "path": "\(path)",
        ])
        audit.record(
            action, by: AuditActor(organisationId: organisationId, person: person, address: context.clientAddress),
            subject: "\(request.method) \(path)")
    }

    /// A path as it may be kept: ids at most, never a person's data, and the secret of a personal
    /// link (which acts on the booking) or of a staff invitation (which makes an account) replaced.
    package static func loggable(_ path: String) -> String {
        for prefix in ["/b/", "/staff/invitation/"] where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            return prefix + "…" + (rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "")
        }
        return path
    }
}
