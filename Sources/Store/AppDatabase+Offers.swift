import Foundation
import GRDB
import SchedulingCore

extension AppDatabase {
    public func location(id: String) async throws -> Location? {
        try await read { db in try LocationRecord.find(db, id: id)?.model() }
    }

    /// A course or slot as stored, also one withdrawn or removed since (its bookings still name it).
    public func storedOffer(_ offer: OfferRef) async throws -> (course: Course?, slot: Slot?) {
        try await read { db in
            switch offer {
            case .course(let id): (try CourseRecord.find(db, id: id)?.model(), nil)
            case .slot(let id): (nil, try SlotRecord.find(db, id: id)?.model())
            }
        }
    }

    public func course(id: String) throws -> Course? {
        try read { db in try CourseRecord.find(db, id: id)?.model() }
    }

    public func slot(id: String) throws -> Slot? {
        try read { db in try SlotRecord.find(db, id: id)?.model() }
    }

    /// The places `ownerId` keeps (every place for nil), by name.
    public func locations(ownerId: String?) async throws -> [Location] {
        try await read { db in
            var places = LocationRecord.order(Column("name"), Column("id"))
            if let ownerId { places = places.filter(Column("ownerId") == ownerId) }
            return try places.fetchAll(db).map { $0.model() }
        }
    }

    public func locations() throws -> [Location] {
        try read { db in try LocationRecord.order(Column("id")).fetchAll(db).map { $0.model() } }
    }

    public func courses() throws -> [Course] {
        try read { db in try CourseRecord.order(Column("startDate"), Column("id")).fetchAll(db).map { try $0.model() } }
    }

    public func slots() throws -> [Slot] {
        try read { db in try SlotRecord.order(Column("startsAt"), Column("id")).fetchAll(db).map { try $0.model() } }
    }

    /// Who holds each of these slots: the confirmed booking and its participant, with the name
    /// only for a participant of `centreId` (every name for nil).
    public func slotHolders(slotIds: Set<String>, centreId: String?) async throws -> [String: SlotHolder] {
        guard !slotIds.isEmpty else { return [:] }
        return try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT booking.slotId, booking.participantId, participant.name, participant.centreId
                FROM booking JOIN participant ON participant.id = booking.participantId
                WHERE booking.status = 'confirmed' AND booking.slotId IN (SELECT value FROM json_each(?))
                """, arguments: [String(decoding: try JSONEncoder().encode(Array(slotIds)), as: UTF8.self)])
            return Dictionary(uniqueKeysWithValues: rows.map { row in
                let own = centreId == nil || row["centreId"] == centreId
                return (row["slotId"] as String, SlotHolder(participantId: row["participantId"], name: own ? row["name"] : nil))
            })
        }
    }

    /// How many rows each table holds, for summaries after an import.
    public func counts() throws -> StoreCounts {
        try read { db in
            StoreCounts(
                organisations: try OrganisationRecord.fetchCount(db),
                locations: try LocationRecord.fetchCount(db),
                courses: try CourseRecord.fetchCount(db),
                slots: try SlotRecord.fetchCount(db),
                participants: try ParticipantRecord.filter(Column("erasedAt") == nil).fetchCount(db))
        }
    }
}

/// Row counts of the tables an import fills.
public struct StoreCounts: Equatable, Sendable, CustomStringConvertible {
    public var organisations, locations, courses, slots, participants: Int

    public init(organisations: Int = 0, locations: Int = 0, courses: Int = 0, slots: Int = 0, participants: Int = 0) {
        self.organisations = organisations
        self.locations = locations
        self.courses = courses
        self.slots = slots
        self.participants = participants
    }

    public var isEmpty: Bool {
        organisations + locations + courses + slots + participants == 0
    }

    public var description: String {
        "\(organisations) organisations, \(locations) locations, \(courses) courses, "
            + "\(slots) slots, \(participants) participants"
    }
}

/// Who holds a slot with a confirmed booking.
public struct SlotHolder: Sendable, Equatable {
    public let participantId: String
    /// Nil for a participant of another advice centre.
    public let name: String?
}

extension AppDatabase {
    /// Stores a new place.
    public func insert(_ location: Location) async throws {
        try await insert([location])
    }

    /// Stores new places, all of them or none.
    public func insert(_ locations: [Location]) async throws {
        try await write { db in
            for location in locations { try LocationRecord(location).insert(db) }
        }
    }
}

extension FetchableRecord where Self: TableRecord {
    /// The row with this id, on a cached statement: point look-ups run for every mail the
    /// notifier composes, and SQLite then compiles each query once per connection, not per call.
    static func find(_ db: Database, id: String) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM \(databaseTableName) WHERE id = ?"), arguments: [id])
    }
}

extension ParticipantRecord {
    /// A participant who has not been erased.
    static func findPresent(_ db: Database, id: String) throws -> ParticipantRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM participant WHERE id = ? AND erasedAt IS NULL"), arguments: [id])
    }
}
