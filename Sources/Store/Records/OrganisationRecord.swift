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

    init(_ organisation: Organisation, createdAt: Timestamp) {
        id = organisation.id
        kind = organisation.kind.rawValue
        name = organisation.name
        self.createdAt = createdAt.secondsSinceEpoch
    }

    func model() throws -> Organisation {
        Organisation(id: id, kind: try decode(OrganisationKind.self, kind, column: "kind"), name: name)
    }
}

/// A row of `token`: only the hash of an organisation's token is ever stored.
struct TokenRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "token"
    var hash: Data
    var organisationId: String
    var createdAt: Int64
}
