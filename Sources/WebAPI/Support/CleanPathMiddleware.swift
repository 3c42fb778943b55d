import Hummingbird

/// A path with empty segments (`//centre`, `/v1//courses`) is redirected to the clean one. The
/// router would answer it as the clean path, and a page's relative links would then start with
/// `//`, which a browser reads as another host.
struct CleanPathMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.contains("//") else { return try await next(request, context) }
        let query = request.uri.query.map { "?" + $0 } ?? ""
        // 308 keeps the method and body, so a form posted to the doubled path still arrives.
        return Response(status: .permanentRedirect, headers: [.location: Self.clean(path) + query])
    }

    /// `path` without empty segments; a trailing slash stays.
    static func clean(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.isEmpty else { return "/" }
        return "/" + segments.joined(separator: "/") + (path.hasSuffix("/") ? "/" : "")
    }
}
