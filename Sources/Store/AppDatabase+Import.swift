import Foundation
import GRDB
import SchedulingCore

/// Rows that arrive together and are stored together or not at all.
public struct ImportBatch: Sendable {
    public var organisations: [Organisation] = []
    public var locations: [Location] = []
    public var courses: [Course] = []
    public var slots: [Slot] = []
    public var participants: [Participant] = []

    public init() {}

    public var count: Int {
        organisations.count + locations.count + courses.count + slots.count + participants.count
    }
}

extension AppDatabase {
    /// Inserts the whole batch in one transaction: any failure leaves the database as it was.
    /// `progress` is called with the number of rows written so far.
    public func insert(
        _ batch: ImportBatch, now: Timestamp, progress: (@Sendable (Int) -> Void)? = nil
    ) throws {
        try write { db in
            var written = 0
            func step() {
                written += 1
                if written % 256 == 0 || written == batch.count { progress?(written) }
            }
            for organisation in batch.organisations {
                try OrganisationRecord(organisation, createdAt: now).insert(db)
                step()
            }
            for location in batch.locations {
                try LocationRecord(location).insert(db)
                step()
            }
            for course in batch.courses {
                try CourseRecord(course, createdAt: now).insert(db)
                step()
            }
            for slot in batch.slots {
                try SlotRecord(slot, createdAt: now).insert(db)
                step()
            }
            for participant in batch.participants {
                try ParticipantRecord(participant, consentAt: now).insert(db)
                step()
            }
        }
    }

    /// The kinds of those of `ids` that name organisations.
    public func organisationKinds(among ids: Set<String>) throws -> [String: OrganisationKind] {
        try read { db in
            var kinds: [String: OrganisationKind] = [:]
            for record in try OrganisationRecord.filter(keys: Array(ids)).fetchAll(db) {
                kinds[record.id] = try record.model().kind
            }
            return kinds
        }
    }

    /// Those of `ids` already taken in `table`.
    public func existingIds(in table: StoredKind, among ids: Set<String>) throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try read { db in
            let found = try String.fetchAll(
                db, sql: "SELECT id FROM \(table.tableName) WHERE id IN (SELECT value FROM json_each(?))",
                arguments: [String(decoding: try JSONEncoder().encode(Array(ids)), as: UTF8.self)])
            return Set(found)
        }
    }
}

/// The kinds of rows an import brings.
public enum StoredKind: String, CaseIterable, Sendable {
    case organisations, locations, courses, slots, participants

    var tableName: String {
        switch self {
        case .organisations: "organisation"
        case .locations: "location"
        case .courses: "course"
        case .slots: "slot"
        case .participants: "participant"
        }
    }
}
