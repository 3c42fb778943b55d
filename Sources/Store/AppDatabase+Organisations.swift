import Foundation
import GRDB
import SchedulingCore

extension AppDatabase {
    /// Creates an organisation with a new token; the token is returned once and never stored.
    public func createOrganisation(
        id: String = Identifier.random(prefix: "org"), kind: OrganisationKind, name: String, now: Timestamp
    ) throws -> (organisation: Organisation, token: String) {
        let organisation = Organisation(id: id, kind: kind, name: name)
        let token = AccessToken.generate()
        try write { db in
            try OrganisationRecord(organisation, createdAt: now).insert(db)
            try TokenRecord(hash: AccessToken.hash(token), organisationId: id, createdAt: now.secondsSinceEpoch)
                .insert(db)
        }
        return (organisation, token)
    }

    /// Issues one more token for an existing organisation.
    public func issueToken(for organisationId: String, now: Timestamp) throws -> String {
        let token = AccessToken.generate()
        try write { db in
            try TokenRecord(hash: AccessToken.hash(token), organisationId: organisationId,
                            createdAt: now.secondsSinceEpoch).insert(db)
        }
        return token
    }

    /// The organisation a bearer token belongs to, or `nil` for an unknown token.
    public func organisation(bearerToken token: String) async throws -> Organisation? {
        let hash = AccessToken.hash(token)
        return try await read { db in
            try OrganisationRecord.fetchOne(db, sql: """
                SELECT organisation.* FROM organisation JOIN token ON token.organisationId = organisation.id
                WHERE token.hash = ?
                """, arguments: [hash])?.model()
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
