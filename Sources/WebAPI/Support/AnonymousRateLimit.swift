import HTTPTypes
import Hummingbird

/// Requests without credentials (the catalogue, personal links, sign-in and invitation pages) are
/// limited per client address, so no one address can keep the server busy for everyone else.
/// A valid bearer token or a live staff session passes; a made-up one counts like none. Health
/// checks and metrics scrapes (which have their own token) are the operator's and pass.
struct AnonymousRateLimit: RouterMiddleware {
    typealias Context = APIRequestContext
    let limiter: RateLimiter?
    let sessions: StaffSessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let limiter, context.caller == nil, !Self.operatorPaths.contains(request.uri.path), !sessions.isSignedIn(request) else {
            return try await next(request, context)
        }
        if let wait = limiter.admit(context.clientKey) {
            throw APIError.tooManyRequests(
                "This address sent more than \(limiter.limit) requests a minute without signing in; try again in \(wait) s.", retryAfter: wait)
        }
        return try await next(request, context)
    }

    static let operatorPaths: Set<String> = ["/health", "/metrics"]
}
