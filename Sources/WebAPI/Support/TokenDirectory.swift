import Foundation
import SchedulingCore
import Store
import Synchronization

/// Who a bearer token belongs to, remembered after the first look-up so that a request pays a
/// SHA-256 and a dictionary read, not a database query. Tokens made while the server runs
/// (`wegweiser org create`) are found on their first use.
///
/// Entries are found by the first 8 bytes of the token's hash and then confirmed by comparing
/// the whole hash in constant time, so the time an answer takes says nothing about how much of a
/// guessed token was right.
package final class TokenDirectory: Sendable {
    private let database: AppDatabase
    private let known = Mutex<[UInt64: [(hash: [UInt8], organisation: Organisation)]]>([:])

    init(database: AppDatabase) {
        self.database = database
    }

    package func organisation(for token: String) async throws -> Organisation? {
        let hash = [UInt8](AccessToken.hash(token))
        let bucket = Self.bucket(hash)
        let hit = known.withLock { entries in
            entries[bucket]?.first { AccessToken.constantTimeEqual($0.hash, hash) }?.organisation
        }
        if let hit { return hit }
        guard let organisation = try await database.organisation(bearerToken: token) else { return nil }
        known.withLock { $0[bucket, default: []].append((hash, organisation)) }
        return organisation
    }

    private static func bucket(_ hash: [UInt8]) -> UInt64 {
        hash.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }
}
