import GRDB
import SchedulingCore

/// A row of `slot`; languages are stored as a comma-separated list of codes.
struct SlotRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "slot"
    var id: String
    var centreId: String
    var locationId: String
    var startsAt: Int64
    var durationMinutes: Int
    var service: String
    var languages: String
    var womenOnly: Bool
    var counsellor: String
    var createdAt: Int64
    var cancelUntilHours: Int

    init(_ slot: Slot, createdAt: Timestamp) {
        id = slot.id
        centreId = slot.centreId
        locationId = slot.locationId
        startsAt = slot.start.secondsSinceEpoch
        durationMinutes = slot.durationMinutes
        service = slot.service.rawValue
        languages = slot.languages.map(\.code).joined(separator: ",")
        womenOnly = slot.womenOnly
        counsellor = slot.counsellor
        self.createdAt = createdAt.secondsSinceEpoch
        cancelUntilHours = slot.cancelUntilHours
    }

    func model() throws -> Slot {
        Slot(
            id: id, centreId: centreId, locationId: locationId,
            start: Timestamp(secondsSinceEpoch: startsAt), durationMinutes: durationMinutes,
            service: try decode(ServiceKind.self, service, column: "slot.service"),
            languages: try decodeLanguages(languages, column: "slot.languages"),
            womenOnly: womenOnly, counsellor: counsellor, cancelUntilHours: cancelUntilHours)
    }
}
