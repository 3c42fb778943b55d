import Foundation
import HTTPTypes
import Hummingbird

/// Who the client is: the TCP peer, or, when the peer is a reverse proxy (on this machine, or
/// named by `--trusted-proxy`), the last address in its `X-Forwarded-For`, the one the proxy
/// itself saw. Limits, the sign-in throttle and the audit trail all count by it; anyone else's
/// `X-Forwarded-For` is ignored, so a client cannot choose whom it is counted as.
package struct ClientAddress: RouterMiddleware {
    package typealias Context = APIRequestContext
    let trustedProxies: Set<String>

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.isLocal || context.peerAddress.map(trustedProxies.contains) == true,
              let last = request.headers[.xForwardedFor]?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
              IPAddressText.isValid(last) else { return try await next(request, context) }
        var context = context
        context.forwardedClient = Self.unmapped(last)
        return try await next(request, context)
    }

    /// An IPv4 peer as a dual-stack socket names it (`::ffff:10.0.0.5`) in its IPv4 form.
    package static func unmapped(_ address: String) -> String {
        address.hasPrefix("::ffff:") && address.contains(".") ? String(address.dropFirst("::ffff:".count)) : address
    }

    /// What per-client limits count: the address, an IPv6 one by its /64, which one subscriber
    /// usually holds whole.
    package static func key(_ address: String) -> String {
        let address = unmapped(address)
        return prefix64(address) ?? address
    }

    /// The first 64 bits of an IPv6 address as hex, or `nil` for anything else.
    package static func prefix64(_ address: String) -> String? {
        guard address.contains(":") else { return nil }
        var bytes = in6_addr()
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return nil }
        return withUnsafeBytes(of: bytes) { raw in raw.prefix(8).map { String(format: "%02x", $0) }.joined() } + "::/64"
    }
}

/// IP addresses as text.
public enum IPAddressText {
    /// An IPv4 or IPv6 address, nothing more.
    public static func isValid(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
