import BookingEngine
import Foundation
import SchedulingCore
import Store

/// A fresh database file with one course, one slot and some participants, and an engine on it.
struct EngineFixture {
    static let now = Timestamp(rfc3339: "2027-01-04T10:00:00+01:00")!
    let directory: URL
    let database: AppDatabase

    var path: String { directory.appendingPathComponent("engine.sqlite").path }

    init(participants: Int, capacity: Int = 10) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try AppDatabase(path: directory.appendingPathComponent("engine.sqlite").path)
        var batch = ImportBatch()
        batch.organisations = [
            Organisation(id: "prov", kind: .provider, name: "VHS"), Organisation(id: "centre", kind: .adviceCentre, name: "AWO"),
        ]
        let location = try LocationInput(name: "VHS", address: "Königstraße 1", district: "Mitte", lat: 51.43, lon: 6.76, stepFree: true)
            .validated(id: "loc", ownerId: "prov")
        batch.locations = [location]
        batch.courses = [
            try CourseInput(title: "Integrationskurs A1", kind: "general", level: "A1", locationId: "loc", capacity: capacity,
                            startDate: "2027-02-01", endDate: "2027-06-30", weekdays: ["MO", "WE"], startTime: "09:00", endTime: "12:15")
                .validated(id: "course", providerId: "prov"),
        ]
        batch.slots = [
            try SlotInput(locationId: "loc", start: "2027-01-12T14:00:00+01:00", durationMinutes: 45, service: "mbe", languages: ["de", "tr"])
                .validated(id: "slot", centreId: "centre"),
        ]
        batch.participants = try (0..<participants).map { index in
            try ParticipantInput(name: "Teilnehmerin \(index)", email: "p\(index)@example.org", preferredLanguage: "tr",
                                 languages: ["tr", "de"], gender: "female", district: "Hamborn", lat: 51.49, lon: 6.77, level: "A1",
                                 consent: true).validated(id: "p\(index)", centreId: "centre", now: Self.now)
        }
        try database.insert(batch, now: Self.now)
    }

    func engine() throws -> BookingEngine {
        try BookingEngine(database: database, clock: { Self.now })
    }

    func book(_ participant: Int, _ offer: OfferRef, key: String? = nil) -> LedgerCommand {
        .book(BookingRequest(
            bookingId: "b-\(participant)-\(offer.id)-\(UUID().uuidString.prefix(8))", participantId: "p\(participant)",
            offer: offer, idempotencyKey: key.map { IdempotencyKey(organisationId: "centre", key: $0) }))
    }

    /// Stored bookings by status.
    func storedStatuses() throws -> [String: String] {
        try database.read { db in
            var statuses: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, status FROM booking") { statuses[row["id"]] = row["status"] }
            return statuses
        }
    }
}

import GRDB
