import Foundation
import GRDB
import SchedulingCore

/// An invitation's link secret is unknown, used or expired.
public struct InvitationNotValid: Error {}

/// Another account already signs in with this address.
public struct EmailTaken: Error {}

extension InvitationRecord {
    /// How long an invitation link works.
    static let lifetime: Int64 = 7 * 24 * 3600

    init(_ secret: String, organisationId: String, role: StaffRole, createdBy: String?, now: Timestamp) {
        self.init(
            hash: AccessToken.hash(secret), organisationId: organisationId, role: role.rawValue, createdBy: createdBy,
            createdAt: now.secondsSinceEpoch, expiresAt: now.secondsSinceEpoch + Self.lifetime)
    }

    /// The invitation whose link holds `secret`, while it is valid at `now`.
    static func valid(_ secret: String, at now: Timestamp, _ db: Database) throws -> InvitationRecord? {
        try filter(Column("hash") == AccessToken.hash(secret) && Column("expiresAt") > now.secondsSinceEpoch).fetchOne(db)
    }

    /// Invitations past their expiry at `now`, never used.
    static func expired(at now: Timestamp) -> QueryInterfaceRequest<InvitationRecord> {
        filter(Column("expiresAt") <= now.secondsSinceEpoch)
    }
}

extension AppDatabase {
    /// A one-time link secret that lets one person join `organisationId` with `role`, for seven
    /// days; returned once, stored only as its hash.
    public func invite(to organisationId: String, role: StaffRole, by accountId: String?, now: Timestamp) async throws -> String {
        let secret = AccessToken.randomSecret()
        try await write { db in
            try InvitationRecord(secret, organisationId: organisationId, role: role, createdBy: accountId, now: now).insert(db)
        }
        return secret
    }

    /// The organisation and role an invitation offers, while it is valid.
    public func invitation(_ secret: String, now: Timestamp) async throws -> (organisation: Organisation, role: StaffRole)? {
        try await read { db in
            guard let record = try InvitationRecord.valid(secret, at: now, db),
                  let organisation = try OrganisationRecord.find(db, id: record.organisationId)?.model() else { return nil }
            return (organisation, try decode(StaffRole.self, record.role, column: "role"))
        }
    }

    /// Uses up invitation `secret` to create an account; throws `InvitationNotValid` for a secret
    /// unknown, used or expired, `EmailTaken` when the address has an account.
    public func acceptInvitation(
        _ secret: String, email: String, name: String, passwordHash: String, now: Timestamp
    ) async throws -> StaffAccount {
        try await write { db in
            guard let invitation = try InvitationRecord.valid(secret, at: now, db) else { throw InvitationNotValid() }
            guard try AccountRecord.filter(Column("email") == email).fetchCount(db) == 0 else { throw EmailTaken() }
            try invitation.delete(db)
            let record = AccountRecord(
                id: Identifier.random(prefix: "acc"), organisationId: invitation.organisationId, email: email, name: name,
                role: invitation.role, passwordHash: passwordHash, createdAt: now.secondsSinceEpoch)
            try record.insert(db)
            return try record.model()
        }
    }

    /// The account that signs in with `email` (any case), with its organisation and stored hash.
    public func account(email: String) async throws -> (account: StaffAccount, organisation: Organisation, passwordHash: String)? {
        try await read { db in
            guard let record = try AccountRecord.filter(Column("email") == email).fetchOne(db),
                  let organisation = try OrganisationRecord.find(db, id: record.organisationId)?.model() else { return nil }
            return (try record.model(), organisation, record.passwordHash)
        }
    }

    /// An organisation's staff, by name, and its open invitations' expiry times.
    public func team(of organisationId: String, now: Timestamp) async throws -> (accounts: [StaffAccount], invitationsOpenUntil: [Timestamp]) {
        try await read { db in
            let accounts = try AccountRecord.filter(Column("organisationId") == organisationId).order(Column("name"), Column("id"))
                .fetchAll(db).map { try $0.model() }
            let open = try Int64.fetchAll(
                db, sql: "SELECT expiresAt FROM invitation WHERE organisationId = ? AND expiresAt > ? ORDER BY expiresAt",
                arguments: [organisationId, now.secondsSinceEpoch])
            return (accounts, open.map(Timestamp.init(secondsSinceEpoch:)))
        }
    }

    /// Invitations past their expiry at `now`, never used.
    public func expiredInvitations(at now: Timestamp) async throws -> Int {
        try await read { db in
            try InvitationRecord.expired(at: now).fetchCount(db)
        }
    }

    /// Deletes them; returns how many.
    public func deleteExpiredInvitations(at now: Timestamp) async throws -> Int {
        try await write { db in
            try InvitationRecord.expired(at: now).deleteAll(db)
        }
    }

    /// Removes account `id` of `organisationId`, and the invitations it made and nobody used, so
    /// no one comes back through a link made before; `false` when there is no such account.
    public func removeAccount(id: String, organisationId: String) async throws -> Bool {
        try await write { db in
            let account = AccountRecord.filter(Column("id") == id && Column("organisationId") == organisationId)
            guard try account.fetchCount(db) == 1 else { return false }
            // First: deleting the account sets their `createdBy` to NULL.
            try InvitationRecord.filter(Column("createdBy") == id).deleteAll(db)
            try account.deleteAll(db)
            return true
        }
    }

    public func accountExists(id: String) async throws -> Bool {
        try await read { db in try AccountRecord.exists(db, key: id) }
    }
}
