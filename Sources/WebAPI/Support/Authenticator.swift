import Hummingbird

/// Resolves `Authorization: Bearer …` into the calling organisation. It rejects nothing by itself:
/// each route says which roles it takes (`APIRequestContext.require`), so the public catalogue
/// stays open.
struct Authenticator: RouterMiddleware {
    typealias Context = APIRequestContext
    let tokens: TokenDirectory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        var context = context
        let parts = header.split(separator: " ", maxSplits: 1)
        if parts.count == 2, parts[0].lowercased() == "bearer", let grant = try await tokens.grant(for: String(parts[1])) {
            context.caller = grant.organisation
            context.callerPerson = grant.token.id
            context.callerTokenExpiresAt = grant.token.expiresAt
        } else {
            context.presentedUnknownToken = true
        }
        return try await next(request, context)
    }
}
