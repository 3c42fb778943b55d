import Foundation
import SchedulingCore
import Store
import Synchronization

/// Who a bearer token belongs to, remembered after the first look-up so that a request pays a
/// SHA-256 and a dictionary read, not a database query. Tokens made while the server runs
/// (`wegweiser org create`) are found on their first use; a token revoked through this server is
/// forgotten at once, and an expired one fails on its first request after its expiry.
///
/// Entries are found by the first 8 bytes of the token's hash and then confirmed by comparing
/// the whole hash in constant time, so the time an answer takes says nothing about how much of a
/// guessed token was right.
package final class TokenDirectory: Sendable {
    private struct Entry {
        let hash: [UInt8]
        let organisation: Organisation
        let token: APITokenInfo
    }

    private let database: AppDatabase
    private let clock: @Sendable () -> Timestamp
    /// The entries, and how many revocations there have been: a look-up that began before a
    /// revocation does not cache what it read, which may be the token just revoked.
    private let known = Mutex<(entries: [UInt64: [Entry]], revocations: UInt64)>(([:], 0))

    init(database: AppDatabase, clock: @escaping @Sendable () -> Timestamp) {
        self.database = database
        self.clock = clock
    }

    /// The organisation and token `token` names, unless it is unknown, revoked or expired.
    package func grant(for token: String) async throws -> (organisation: Organisation, token: APITokenInfo)? {
        let hash = [UInt8](AccessToken.hash(token))
        let bucket = Self.bucket(hash)
        let (hit, revocations) = known.withLock { known in
            (known.entries[bucket]?.first { AccessToken.constantTimeEqual($0.hash, hash) }, known.revocations)
        }
        let entry: Entry
        if let hit {
            entry = hit
        } else {
            guard let found = try await database.grant(bearerToken: token) else { return nil }
            entry = Entry(hash: hash, organisation: found.organisation, token: found.token)
            known.withLock { known in
                guard known.revocations == revocations,
                      known.entries[bucket]?.contains(where: { $0.token.id == entry.token.id }) != true else { return }
                known.entries[bucket, default: []].append(entry)
            }
        }
        if let expiry = entry.token.expiresAt, expiry <= clock() { return nil }
        return (entry.organisation, entry.token)
    }

    /// Revokes token `id` of `organisationId` in the database and here; `false` when it has none.
    package func revoke(_ id: String, of organisationId: String) async throws -> Bool {
        let revoked = try await database.revokeToken(id: id, organisationId: organisationId)
        known.withLock { known in
            known.revocations += 1
            for (bucket, list) in known.entries where list.contains(where: { $0.token.id == id }) {
                known.entries[bucket] = list.filter { $0.token.id != id }
            }
        }
        return revoked
    }

    private static func bucket(_ hash: [UInt8]) -> UInt64 {
        hash.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
