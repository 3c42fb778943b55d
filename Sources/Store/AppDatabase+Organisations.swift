import Foundation
import GRDB
import SchedulingCore

/// How an organisation is first reached, each secret shown once: an integration token for the
/// API and a one-time invitation for its first admin, who then invites the others.
public struct OrganisationAccess: Sendable {
    public let organisation: Organisation
    public let token: String
    /// The secret of the link `/staff/invitation/SECRET`.
    public let invitation: String
}

extension AppDatabase {
    /// Creates an organisation with its first access (`OrganisationAccess`); the integration token
    /// is valid until `tokenExpiresAt`, or until revoked.
    public func createOrganisation(
        id: String = Identifier.random(prefix: "org"), kind: OrganisationKind, name: String, tokenExpiresAt: Timestamp? = nil,
        now: Timestamp
    ) throws -> OrganisationAccess {
        let organisation = Organisation(id: id, kind: kind, name: name)
        return try write { db in
            try OrganisationRecord(organisation, createdAt: now).insert(db)
            return try Self.issueAccess(to: organisation, tokenExpiresAt: tokenExpiresAt, now: now, db)
        }
    }

    /// A new integration token and first-admin invitation for an existing organisation (an
    /// import, or a demo restarted): secrets are shown once, so each start needs fresh ones.
    public func issueAccess(to organisation: Organisation, now: Timestamp) throws -> OrganisationAccess {
        try write { db in try Self.issueAccess(to: organisation, tokenExpiresAt: nil, now: now, db) }
    }

    private static func issueAccess(
        to organisation: Organisation, tokenExpiresAt: Timestamp?, now: Timestamp, _ db: Database
    ) throws -> OrganisationAccess {
        let (tokenRecord, token) = newToken(organisation.id, "integration", tokenExpiresAt, nil, now)
        try tokenRecord.insert(db)
        let invitation = AccessToken.randomSecret()
        try InvitationRecord(invitation, organisationId: organisation.id, role: .admin, createdBy: nil, now: now).insert(db)
        return OrganisationAccess(organisation: organisation, token: token, invitation: invitation)
    }

    /// Issues one more token for an existing organisation; the token is returned once.
    public func issueToken(
        for organisationId: String, name: String, expiresAt: Timestamp?, createdBy accountId: String?, now: Timestamp
    ) async throws -> (info: APITokenInfo, token: String) {
        let (record, token) = Self.newToken(organisationId, name, expiresAt, accountId, now)
        try await write { db in try record.insert(db) }
        return (record.model(), token)
    }

    private static func newToken(
        _ organisationId: String, _ name: String, _ expiresAt: Timestamp?, _ accountId: String?, _ now: Timestamp
    ) -> (APITokenRecord, String) {
        let token = AccessToken.generate()
        return (APITokenRecord(
            id: Identifier.random(prefix: "tok"), hash: AccessToken.hash(token), organisationId: organisationId, name: name,
            createdAt: now.secondsSinceEpoch, expiresAt: expiresAt?.secondsSinceEpoch, createdBy: accountId), token)
    }

    /// An organisation's tokens, newest first; the tokens themselves are not known.
    public func tokens(organisationId: String) async throws -> [APITokenInfo] {
        try await read { db in
            try APITokenRecord.filter(Column("organisationId") == organisationId)
                .order(Column("createdAt").desc, Column("id")).fetchAll(db).map { $0.model() }
        }
    }

    /// Deletes token `id` of `organisationId`; `false` when it has no such token.
    public func revokeToken(id: String, organisationId: String) async throws -> Bool {
        try await write { db in
            try APITokenRecord.filter(Column("id") == id && Column("organisationId") == organisationId).deleteAll(db) == 1
        }
    }

    /// The organisation a bearer token belongs to with the token's id and expiry, or `nil` for an
    /// unknown (or revoked) token. An expired token is returned: the caller knows the time.
    public func grant(bearerToken token: String) async throws -> (organisation: Organisation, token: APITokenInfo)? {
        let hash = AccessToken.hash(token)
        return try await read { db in
            guard let record = try APITokenRecord.filter(Column("hash") == hash).fetchOne(db),
                  let organisation = try OrganisationRecord.find(db, id: record.organisationId)?.model() else { return nil }
            return (organisation, record.model())
        }
    }

    public func organisation(id: String) throws -> Organisation? {
        try read { db in try OrganisationRecord.find(db, id: id)?.model() }
    }

    /// An organisation, read without blocking the caller's thread.
    public func organisation(id: String) async throws -> Organisation? {
        try await read { db in try OrganisationRecord.find(db, id: id)?.model() }
    }

    /// Replaces an organisation's contact details; `nil` when there is no such organisation.
    public func updateContact(_ contact: OrganisationContact, organisationId: String) async throws -> Organisation? {
        try await write { db in
            try db.execute(
                sql: "UPDATE organisation SET phone = ?, email = ?, address = ?, openingHours = ? WHERE id = ?",
                arguments: [contact.phone, contact.email, contact.address, contact.openingHours, organisationId])
            return try OrganisationRecord.find(db, id: organisationId)?.model()
        }
    }

    public func organisations() throws -> [Organisation] {
        try read { db in try OrganisationRecord.order(Column("name")).fetchAll(db).map { try $0.model() } }
    }

    /// The same on a WAL reader, suspending instead of blocking: for request handlers.
    public func organisations() async throws -> [Organisation] {
        try await read { db in try OrganisationRecord.order(Column("name")).fetchAll(db).map { try $0.model() } }
    }
}
