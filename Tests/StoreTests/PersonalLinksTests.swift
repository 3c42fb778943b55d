import Foundation
import GRDB
import SchedulingCore
import Testing
@testable import Store

/// Personal links: signed, bound to one booking, expiring, and still valid after a key rotation.
@Suite struct PersonalLinksTests {
    static let now = Timestamp(rfc3339: "2027-01-11T09:00:00+01:00")!
    static let later = Timestamp(rfc3339: "2027-03-01T09:00:00+01:00")!

    static func database() throws -> AppDatabase {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("links-\(UUID().uuidString).sqlite").path
        return try AppDatabase(path: path)
    }

    @Test func aLinkVerifiesUntilItExpiresAndNotOneByteOfItCanChange() async throws {
        let links = try PersonalLinks(database: try Self.database(), now: Self.now)
        let token = links.token(bookingId: "bkg_01hzy", expires: Self.later)
        let verified = try #require(try await links.verify(token, now: Self.now))
        #expect(verified.bookingId == "bkg_01hzy" && verified.expires == Self.later)
        #expect(try await links.verify(token, now: Self.later) == nil)
        #expect(token.count < 80 && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        var bytes = try #require(Base64URL.decode(token))
        for index in bytes.indices {
            bytes[index] ^= 0x01
            #expect(try await links.verify(Base64URL.encode(bytes), now: Self.now) == nil, "byte \(index)")
            bytes[index] ^= 0x01
        }
        #expect(try await links.verify("", now: Self.now) == nil)
        #expect(try await links.verify("not a token!", now: Self.now) == nil)
        #expect(try await links.verify(String(token.dropLast(3)), now: Self.now) == nil)
    }

    @Test func anotherDatabasesKeyCannotSignForThisOne() async throws {
        let ours = try PersonalLinks(database: try Self.database(), now: Self.now)
        let theirs = try PersonalLinks(database: try Self.database(), now: Self.now)
        #expect(try await ours.verify(theirs.token(bookingId: "bkg_1", expires: Self.later), now: Self.now) == nil)
    }

    @Test func afterARotationNewLinksUseTheNewKeyAndOldOnesStillWork() async throws {
        let database = try Self.database()
        let links = try PersonalLinks(database: database, now: Self.now)
        let old = links.token(bookingId: "bkg_1", expires: Self.later)
        let key = try database.rotateLinkKey(now: Self.now)
        try await links.refresh()
        let new = links.token(bookingId: "bkg_1", expires: Self.later)
        #expect(new != old)
        #expect(try await links.verify(new, now: Self.now)?.keyId == key.id)
        #expect(try await links.verify(old, now: Self.now)?.keyId == key.id - 1)
        // A server that has not reread the keys yet learns of the new one on first sight.
        let other = try PersonalLinks(database: database, now: Self.now, reloadInterval: .zero)
        _ = try database.rotateLinkKey(now: Self.now)
        try await links.refresh()
        #expect(try await other.verify(links.token(bookingId: "bkg_2", expires: Self.later), now: Self.now)?.bookingId == "bkg_2")
        // Only the keys are stored, never a link.
        let keys = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM linkKey") }
        #expect(keys == 3)
        for file in [database.path, database.path + "-wal"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(old.utf8)) == nil && bytes.range(of: Data(new.utf8)) == nil)
        }
    }

    @Test func aFormTokenFitsOnlyItsLinkAndTheBookingsCurrentState() async throws {
        let links = try PersonalLinks(database: try Self.database(), now: Self.now)
        let first = try #require(try await links.verify(links.token(bookingId: "bkg_1", expires: Self.later), now: Self.now))
        let second = try #require(try await links.verify(links.token(bookingId: "bkg_2", expires: Self.later), now: Self.now))
        let form = try #require(links.formToken(for: first, sequence: 3))
        #expect(links.isValid(formToken: form, for: first, sequence: 3))
        #expect(!links.isValid(formToken: form, for: first, sequence: 4))
        #expect(!links.isValid(formToken: form, for: second, sequence: 3))
        #expect(!links.isValid(formToken: "", for: first, sequence: 3))
    }
}
