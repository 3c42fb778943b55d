import Foundation
import GRDB
import SchedulingCore

/// A row of `organisation`.
struct OrganisationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "organisation"
    var id: String
    var kind: String
    var name: String
    var createdAt: Int64
    var phone: String
    var email: String
    var address: String
    var openingHours: String

    init(_ organisation: Organisation, createdAt: Timestamp) {
        id = organisation.id
        kind = organisation.kind.rawValue
        name = organisation.name
        self.createdAt = createdAt.secondsSinceEpoch
        phone = organisation.contact.phone
        email = organisation.contact.email
        address = organisation.contact.address
        openingHours = organisation.contact.openingHours
    }

    func model() throws -> Organisation {
        Organisation(
            id: id, kind: try decode(OrganisationKind.self, kind, column: "kind"), name: name,
            contact: OrganisationContact(phone: phone, email: email, address: address, openingHours: openingHours))
    }
}

/// A row of `apiToken`: only the hash of a token is ever stored.
struct APITokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "apiToken"
    var id: String
    var hash: Data
    var organisationId: String
    var name: String
    var createdAt: Int64
    var expiresAt: Int64?
    var createdBy: String?

    func model() -> APITokenInfo {
        APITokenInfo(
            id: id, organisationId: organisationId, name: name, createdAt: Timestamp(secondsSinceEpoch: createdAt),
            expiresAt: expiresAt.map(Timestamp.init(secondsSinceEpoch:)))
    }
}

/// A row of `account`.
struct AccountRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "account"
    var id: String
    var organisationId: String
    var email: String
    var name: String
    var role: String
    var passwordHash: String
    var createdAt: Int64

    func model() throws -> StaffAccount {
        StaffAccount(
            id: id, organisationId: organisationId, email: email, name: name, role: try decode(StaffRole.self, role, column: "role"))
    }
}

/// A row of `invitation`: only the hash of its link's secret is stored.
struct InvitationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "invitation"
    var hash: Data
    var organisationId: String
    var role: String
    var createdBy: String?
    var createdAt: Int64
    var expiresAt: Int64
}
