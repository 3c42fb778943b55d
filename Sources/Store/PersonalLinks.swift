import Crypto
import Foundation
import SchedulingCore
import Synchronization

/// Participants' personal links, `{public-url}/b/{token}`: one per booking, signed, expiring.
///
/// A token is base64url of `version (1) · key id (4) · expiry in seconds (8) · booking id`
/// followed by the first 16 bytes of HMAC-SHA256 over those bytes. Nothing about a link is
/// stored: the signature alone says it was issued, so a forged, altered or expired token is
/// refused before any booking is looked up, and the answer cannot tell whether a booking exists.
public final class PersonalLinks: Sendable {
    /// A link that verified: the booking it names, signed by `keyId`, until `expires`.
    public struct Verified: Sendable, Equatable {
        public let token: String
        public let bookingId: String
        public let keyId: Int64
        public let expires: Timestamp
    }

    private struct KeyRing {
        var keys: [Int64: SymmetricKey] = [:]
        var newest: Int64 = 0
        var loadedAt = ContinuousClock.now
    }

    static let version: UInt8 = 1
    static let tagLength = 16
    static let headerLength = 1 + 4 + 8
    /// Booking ids are short; the bound keeps a token small enough for a QR code on paper.
    static let maximumBookingIdLength = 64
    /// A verify that meets an unknown key id rereads the keys at most this often, so forged ids
    /// cannot turn into a database read per request.
    private let reloadInterval: Duration
    private let database: AppDatabase
    private let ring: Mutex<KeyRing>

    /// Loads the keys, making the first one in a new database. Blocks: call it at start-up.
    public init(database: AppDatabase, now: Timestamp, reloadInterval: Duration = .seconds(10)) throws {
        self.database = database
        self.reloadInterval = reloadInterval
        ring = Mutex(Self.ring(try database.linkKeys(now: now)))
    }

    /// Rereads the keys (after `wegweiser keys rotate`) when they were read longer than `age` ago.
    public func refresh(ifOlderThan age: Duration = .zero) async throws {
        // Stamped before the read: requests arriving meanwhile do not read again.
        let due = ring.withLock { ring in
            guard ContinuousClock.now - ring.loadedAt >= age else { return false }
            ring.loadedAt = .now
            return true
        }
        guard due else { return }
        let keys = try await database.linkKeys()
        guard !keys.isEmpty else { return }
        ring.withLock { $0 = Self.ring(keys) }
    }

    /// The token for `bookingId`, signed with the newest key.
    public func token(bookingId: String, expires: Timestamp) -> String {
        precondition(!bookingId.isEmpty && bookingId.utf8.count <= Self.maximumBookingIdLength, "booking ids are short")
        let (id, key) = ring.withLock { ($0.newest, $0.keys[$0.newest]!) }
        var bytes: [UInt8] = [Self.version]
        bytes += Self.bigEndian(UInt64(id), count: 4)
        bytes += Self.bigEndian(UInt64(bitPattern: expires.secondsSinceEpoch), count: 8)
        bytes += Array(bookingId.utf8)
        bytes += Self.tag(bytes, key: key)
        return Base64URL.encode(bytes)
    }

    /// The link `token` stands for, if it was signed by a kept key and has not expired at `now`.
    /// Throws only when the keys cannot be reread for an id not seen yet.
    public func verify(_ token: String, now: Timestamp) async throws -> Verified? {
        guard token.utf8.count <= 200, let bytes = Base64URL.decode(token),
              bytes.count > Self.headerLength + Self.tagLength, bytes[0] == Self.version else { return nil }
        let keyId = Int64(Self.integer(bytes[1..<5]))
        var key = ring.withLock { $0.keys[keyId] }
        if key == nil {
            try await refresh(ifOlderThan: reloadInterval)
            key = ring.withLock { $0.keys[keyId] }
        }
        guard let key else { return nil }
        let signed = Array(bytes[..<(bytes.count - Self.tagLength)])
        guard AccessToken.constantTimeEqual(Array(bytes.suffix(Self.tagLength)), Self.tag(signed, key: key)) else { return nil }
        let expires = Timestamp(secondsSinceEpoch: Int64(bitPattern: Self.integer(bytes[5..<13])))
        guard now < expires,
              let bookingId = String(validating: bytes[Self.headerLength..<(bytes.count - Self.tagLength)], as: UTF8.self)
        else { return nil }
        return Verified(token: token, bookingId: bookingId, keyId: keyId, expires: expires)
    }

    /// The token a form on the link's page carries: bound to the link and to the booking's state
    /// (`sequence`), so a form posted again after it took effect, or replayed later, no longer fits.
    public func formToken(for link: Verified, sequence: Int) -> String? {
        guard let key = ring.withLock({ $0.keys[link.keyId] }) else { return nil }
        return Base64URL.encode(Self.tag(Array("form\u{0}\(link.token)\u{0}\(sequence)".utf8), key: key))
    }

    /// Compares in constant time.
    public func isValid(formToken: String, for link: Verified, sequence: Int) -> Bool {
        guard let expected = self.formToken(for: link, sequence: sequence) else { return false }
        return AccessToken.constantTimeEqual(Array(formToken.utf8), Array(expected.utf8))
    }


    private static func ring(_ keys: [LinkKey]) -> KeyRing {
        KeyRing(
            keys: Dictionary(uniqueKeysWithValues: keys.map { ($0.id, SymmetricKey(data: $0.secret)) }),
            newest: keys.map(\.id).max() ?? 0, loadedAt: .now)
    }

    private static func tag(_ bytes: [UInt8], key: SymmetricKey) -> [UInt8] {
        Array(Array(HMAC<SHA256>.authenticationCode(for: bytes, using: key)).prefix(tagLength))
    }

    private static func bigEndian(_ value: UInt64, count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    private static func integer(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
