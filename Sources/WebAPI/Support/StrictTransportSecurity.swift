import HTTPTypes
import Hummingbird

/// HSTS on every answer given over https (directly or through a proxy that says so): a browser
/// that saw it once never again talks to this host over plain http.
struct StrictTransportSecurity: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if Self.isSecure(request) { response.headers[.strictTransportSecurity] = Self.value }
        return response
    }

    static let value = "max-age=31536000; includeSubDomains"

    /// TLS directly, or a proxy in front that terminated it.
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[.forwardedProto]?.lowercased() == "https"
    }
}

extension HTTPField.Name {
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
