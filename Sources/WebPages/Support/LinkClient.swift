import Foundation
import HTTPTypes
import Hummingbird
import WebAPI

/// Whom the per-client limit on participants' forms counts.
enum LinkClient {
    /// The client's address: the peer's, or, when the peer is a reverse proxy on this machine,
    /// the last address in its `X-Forwarded-For` (the one the proxy itself saw). An IPv6 client
    /// counts by its /64, which one subscriber usually holds whole.
    static func key(_ context: APIRequestContext, _ request: Request) -> String {
        var address = context.clientAddress
        if context.isLocal, let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").last {
            let trimmed = forwarded.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { address = trimmed }
        }
        return prefix64(address) ?? address
    }

    /// The first 64 bits of an IPv6 address as hex, or `nil` for anything else.
    static func prefix64(_ address: String) -> String? {
        guard address.contains(":") else { return nil }
        var bytes = in6_addr()
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return nil }
        return withUnsafeBytes(of: bytes) { raw in raw.prefix(8).map { String(format: "%02x", $0) }.joined() } + "::/64"
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
