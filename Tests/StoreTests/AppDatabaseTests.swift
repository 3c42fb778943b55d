import Foundation
import GRDB
import SchedulingCore
import Testing
@testable import Store

@Suite struct MigrationTests {
    @Test func freshFileGetsEverySchemaMigrationInOrderAndEveryTable() throws {
        let test = try TestDatabase()
        #expect(try test.database.appliedMigrations() == [
            "v1-organisations", "v1-offers", "v1-participants", "v1-bookings", "v2-reminders", "v3-booking-integrity",
            "v4-participant-links", "v5-attendance", "v6-data-protection", "v7-staff-accounts", "v8-withdrawn-offers",
        ])
        let tables = try test.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
        }
        #expect(Set(tables) == ["organisation", "apiToken", "account", "invitation", "location", "course", "slot", "participant", "booking", "event", "outbox", "idempotencyKey", "linkKey",
                               "attendanceDay", "attendanceMark", "attendanceCorrection", "centreNotice", "audit"])
    }

    @Test func connectionsRunWithWALFullSyncAndForeignKeys() throws {
        let test = try TestDatabase()
        let (journal, synchronous, foreignKeys) = try test.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(foreignKeys == 1)
        // Deleted and overwritten content is zeroed, so an erased name leaves no bytes behind.
        #expect(try test.database.read { db in try Int.fetchOne(db, sql: "PRAGMA secure_delete") } == 1)
    }

    @Test func reopeningAppliesNothingTwiceAndKeepsData() throws {
        let test = try TestDatabase()
        _ = try test.database.createOrganisation(kind: .provider, name: "VHS", now: Timestamp(secondsSinceEpoch: 0))
        let reopened = try AppDatabase(path: test.path)
        #expect(try reopened.appliedMigrations().count == 11)
        #expect(try reopened.counts().organisations == 1)
    }
}

@Suite struct OrganisationStoreTests {
    @Test func tokenFindsItsOrganisationAndOnlyItsHashIsStored() async throws {
        let test = try TestDatabase()
        let access = try test.database.createOrganisation(kind: .adviceCentre, name: "AWO", now: Timestamp(secondsSinceEpoch: 0))
        let token = access.token
        #expect(token.hasPrefix("wgw_") && token.count == 47)
        let grant = try #require(try await test.database.grant(bearerToken: token))
        #expect(grant.organisation == access.organisation && grant.token.name == "integration" && grant.token.expiresAt == nil)
        #expect(try await test.database.grant(bearerToken: token + "x") == nil)
        let stored = try await test.database.read { db in try Data.fetchAll(db, sql: "SELECT hash FROM apiToken") }
        #expect(stored == [AccessToken.hash(token)])
        #expect(!stored[0].elementsEqual(Data(token.utf8)))
        // The first admin's invitation, too, is kept only as its hash.
        let invitations = try await test.database.read { db in try Data.fetchAll(db, sql: "SELECT hash FROM invitation") }
        #expect(invitations == [AccessToken.hash(access.invitation)])
    }

    @Test func tokensAndIdentifiersAreUnique() {
        let tokens = Set((0..<1000).map { _ in AccessToken.generate() })
        let ids = Set((0..<1000).map { _ in Identifier.random(prefix: "bkg") })
        #expect(tokens.count == 1000 && ids.count == 1000)
    }
}

@Suite struct BatchStoreTests {
    static let now = Timestamp(rfc3339: "2027-01-01T10:00:00+01:00")!

    static func batch() throws -> ImportBatch {
        var batch = ImportBatch()
        batch.organisations = [Organisation(id: "prov", kind: .provider, name: "VHS"), Organisation(id: "centre", kind: .adviceCentre, name: "AWO")]
        batch.locations = [try LocationInput(name: "VHS", address: "Königstraße 1", district: "Mitte", lat: 51.43, lon: 6.76, stepFree: true).validated(id: "loc", ownerId: "prov")]
        batch.courses = [try CourseInput(title: "Integrationskurs", kind: "general", level: "A1", locationId: "loc", capacity: 20, startDate: "2027-05-03", endDate: "2027-07-30", weekdays: ["MO", "TH"], startTime: "09:00", endTime: "12:15").validated(id: "course", providerId: "prov")]
        batch.slots = [try SlotInput(locationId: "loc", start: "2027-05-04T10:00:00+02:00", durationMinutes: 45, service: "jmd", languages: ["de", "ar"], womenOnly: true, counsellor: "Rana Haddad").validated(id: "slot", centreId: "centre")]
        batch.participants = [try ParticipantInput(name: "Ахмед Юсуф", email: "a@example.org", preferredLanguage: "ar", languages: ["ar", "de"], gender: "male", district: "Hamborn", lat: 51.5, lon: 6.77, level: "none", needs: NeedsInput(stepFree: true), availability: ["evening"], consent: true).validated(id: "p1", centreId: "centre", now: now)]
        return batch
    }

    @Test func everyRecordRoundTripsThroughItsTable() async throws {
        let test = try TestDatabase()
        let batch = try Self.batch()
        try test.database.insert(batch, now: Self.now)
        #expect(try await test.database.location(id: "loc") == batch.locations[0])
        #expect(try test.database.course(id: "course") == batch.courses[0])
        #expect(try test.database.slot(id: "slot") == batch.slots[0])
        #expect(try await test.database.participant(id: "p1") == batch.participants[0])
        #expect(try test.database.counts() == StoreCounts(organisations: 2, locations: 1, courses: 1, slots: 1, participants: 1))
    }

    @Test func aFailingRowLeavesTheWholeBatchUnwritten() throws {
        let test = try TestDatabase()
        var batch = try Self.batch()
        var orphan = batch.courses[0]
        orphan = Course(id: "course-2", providerId: "prov", title: orphan.title, kind: orphan.kind, level: orphan.level,
                        locationId: "nowhere", capacity: 5, womenOnly: false, childcare: false, startDate: orphan.startDate,
                        endDate: orphan.endDate, weekdays: orphan.weekdays, startTime: orphan.startTime, endTime: orphan.endTime)
        batch.courses.append(orphan)
        #expect(throws: DatabaseError.self) { try test.database.insert(batch, now: Self.now) }
        #expect(try test.database.counts().isEmpty)
    }

    @Test func schemaRefusesTwoLiveBookingsOfOneSlot() throws {
        let test = try TestDatabase()
        var batch = try Self.batch()
        batch.participants.append(try ParticipantInput(name: "Ion Popescu", email: "ion@example.org", preferredLanguage: "ro", district: "Süd", lat: 51.38, lon: 6.77, level: "A2", consent: true).validated(id: "p2", centreId: "centre", now: Self.now))
        try test.database.insert(batch, now: Self.now)
        try test.database.write { db in
            try db.execute(sql: "INSERT INTO booking (id, participantId, slotId, status, createdAt, updatedAt) VALUES ('b1', 'p1', 'slot', 'confirmed', 0, 0)")
        }
        #expect(throws: DatabaseError.self) {
            try test.database.write { db in
                try db.execute(sql: "INSERT INTO booking (id, participantId, slotId, status, createdAt, updatedAt) VALUES ('b2', 'p2', 'slot', 'confirmed', 0, 0)")
            }
        }
    }

    @Test func existingIdsAndOwnerKindsAreLookedUp() throws {
        let test = try TestDatabase()
        try test.database.insert(try Self.batch(), now: Self.now)
        #expect(try test.database.existingIds(in: .courses, among: ["course", "other"]) == ["course"])
        #expect(try test.database.organisationKinds(among: ["prov", "centre", "ghost"]) == ["prov": .provider, "centre": .adviceCentre])
    }
}
