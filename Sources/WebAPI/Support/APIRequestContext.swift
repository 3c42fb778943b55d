import Hummingbird
import NIOCore
import SchedulingCore

/// Per request: who is calling (resolved from the bearer token by `Authenticator`) and whether
/// the connection comes from this machine (for `/metrics`).
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The organisation behind the bearer token; `nil` without a (known) token.
    public var caller: Organisation?
    /// Who acts for `caller`: the bearer token's id, or a signed-in staff member's account id.
    public var callerPerson: String?
    /// When the bearer token expires; `nil` for one valid until revoked (or no token).
    public var callerTokenExpiresAt: Timestamp?
    /// A token was sent but is unknown; routes that need a caller then say so in their 401.
    /// Public routes ignore tokens, known or not.
    public var presentedUnknownToken = false
    private let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Loopback, or no network peer at all (in-process tests). Asked by few routes, so not
    /// formatted for every request.
    public var isLocal: Bool { Self.isLoopback(remoteAddress) }

    /// The client's address as `ClientAddress` found it behind a trusted proxy.
    var forwardedClient: String?

    /// The TCP peer's IP address; `nil` without a network peer (in-process tests).
    var peerAddress: String? { remoteAddress?.ipAddress.map(ClientAddress.unmapped) }

    /// The client's IP address, for the audit trail and per-client limits: the peer's, or behind
    /// a trusted reverse proxy the one it forwarded; `local` without either (in-process tests).
    public var clientAddress: String { forwardedClient ?? peerAddress ?? "local" }

    /// What per-client limits count (`ClientAddress.key`).
    package var clientKey: String { ClientAddress.key(clientAddress) }

    /// Who is acting, for the audit trail.
    public var actor: AuditActor { AuditActor(organisationId: caller?.id, person: callerPerson, address: clientAddress) }

    /// Bodies are read by `JSONBody` with their own limit.
    public var maxUploadSize: Int { JSONBody.maximumBytes }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let address else { return true }
        switch address {
        case .v4: return address.ipAddress?.hasPrefix("127.") ?? false
        case .v6: return address.ipAddress == "::1" || address.ipAddress?.hasPrefix("::ffff:127.") == true
        case .unixDomainSocket: return true
        }
    }

    /// The caller, who must have one of `roles`: 401 without a token, 403 for another role.
    public func require(_ roles: OrganisationKind...) throws -> Organisation {
        guard let caller else { throw APIError.unauthorized(presentedUnknownToken ? "The bearer token is unknown, revoked or expired." : nil) }
        guard caller.kind == .admin || roles.contains(caller.kind) else {
            throw APIError.forbidden("This needs the role " + roles.map(\.rawValue).joined(separator: " or ") + "; the token belongs to a \(caller.kind.rawValue).")
        }
        return caller
    }
}
