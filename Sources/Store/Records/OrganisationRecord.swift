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

/// A row of `token`: only the hash of an organisation's token is ever stored.
struct TokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "token"
    var hash: Data
    var organisationId: String
    var createdAt: Int64
}
