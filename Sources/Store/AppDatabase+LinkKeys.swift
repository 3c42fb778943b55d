import Foundation
import GRDB
import SchedulingCore

/// A key that signs participants' personal links; the newest signs, every kept one verifies.
public struct LinkKey: Sendable, Equatable {
    public let id: Int64
    public let secret: Data
    public let createdAt: Timestamp
}

extension AppDatabase {
    /// Every link key, oldest first; the first one is made when there is none.
    public func linkKeys(now: Timestamp) throws -> [LinkKey] {
        try write { db in
            if try Self.linkKeys(db).isEmpty { try Self.insertLinkKey(db, now: now) }
            return try Self.linkKeys(db)
        }
    }

    /// Every link key, oldest first, read without blocking the caller's thread.
    public func linkKeys() async throws -> [LinkKey] {
        try await read { db in try Self.linkKeys(db) }
    }

    /// Adds a new signing key. Links signed with older keys stay valid until they expire, so a
    /// rotation never locks anyone out of a booking they hold a mail about.
    public func rotateLinkKey(now: Timestamp) throws -> LinkKey {
        try write { db in
            try Self.insertLinkKey(db, now: now)
            return try Self.linkKeys(db).last!
        }
    }

    private static func linkKeys(_ db: Database) throws -> [LinkKey] {
        try Row.fetchAll(db, sql: "SELECT id, secret, createdAt FROM linkKey ORDER BY id").map {
            LinkKey(id: $0["id"], secret: $0["secret"], createdAt: Timestamp(secondsSinceEpoch: $0["createdAt"]))
        }
    }

    private static func insertLinkKey(_ db: Database, now: Timestamp) throws {
        let secret = Data(AccessToken.randomBytes(32))
        try db.execute(sql: "INSERT INTO linkKey (secret, createdAt) VALUES (?, ?)", arguments: [secret, now.secondsSinceEpoch])
    }
}
