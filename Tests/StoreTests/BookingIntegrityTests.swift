import Foundation
import GRDB
import SchedulingCore
import Testing
@testable import Store

/// What `v3-booking-integrity` puts into the database: the ledger's rule as a constraint, and
/// indexes for every read of bookings beside the booking loop.
@Suite struct BookingIntegrityTests {
    /// A provider, a centre, a course, a slot and two participants, as an import stores them.
    static func seeded() throws -> TestDatabase {
        let test = try TestDatabase()
        var batch = try BatchStoreTests.batch()
        batch.participants.append(try ParticipantInput(
            name: "Ion Popescu", email: "ion@example.org", preferredLanguage: "ro", district: "Süd", lat: 51.38, lon: 6.77,
            level: "A2", consent: true).validated(id: "p2", centreId: "centre", now: BatchStoreTests.now))
        try test.database.insert(batch, now: BatchStoreTests.now)
        return test
    }

    static func insert(_ id: String, participant: String = "p1", course: String? = "course", slot: String? = nil, status: String, in test: TestDatabase) throws {
        try test.database.write { db in
            try db.execute(
                sql: "INSERT INTO booking (id, participantId, courseId, slotId, status, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 0, 0)",
                arguments: [id, participant, course, slot, status])
        }
    }

    /// Runs `write` and expects SQLite to refuse it for a constraint.
    static func expectRefused(_ write: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: DatabaseError.self, sourceLocation: sourceLocation) { try write() }
        #expect(error?.resultCode == .SQLITE_CONSTRAINT, "\(String(describing: error))", sourceLocation: sourceLocation)
    }

    @Test func aSecondActiveBookingOfOneParticipantInOneCourseIsRefusedByTheDatabase() async throws {
        let test = try Self.seeded()
        try Self.insert("b1", status: "confirmed", in: test)
        Self.expectRefused { try Self.insert("b2", status: "waitlisted", in: test) }
        Self.expectRefused { try Self.insert("b3", status: "confirmed", in: test) }
        // Moving a second booking into the active states is refused as well.
        try Self.insert("b4", status: "cancelled", in: test)
        Self.expectRefused {
            try test.database.write { db in try db.execute(sql: "UPDATE booking SET status = 'waitlisted' WHERE id = 'b4'") }
        }
        #expect(try await test.database.activeBookings(participantId: "p1").map(\.booking.id) == ["b1"])
    }

    @Test func cancelledBookingsLeaveRoomForANewActiveOne() async throws {
        let test = try Self.seeded()
        try Self.insert("b1", status: "cancelled", in: test)
        try Self.insert("b2", status: "cancelled", in: test)
        try Self.insert("b3", status: "confirmed", in: test)
        try await test.database.write { db in try db.execute(sql: "UPDATE booking SET status = 'cancelled' WHERE id = 'b3'") }
        try Self.insert("b4", status: "waitlisted", in: test)
        // Another participant in the same course, and the same participant in a slot, are other offers.
        try Self.insert("b5", participant: "p2", status: "confirmed", in: test)
        try Self.insert("b6", course: nil, slot: "slot", status: "confirmed", in: test)
        #expect(try await test.database.activeBookings(participantId: "p1").map(\.booking.id) == ["b4", "b6"])
        #expect(try await test.database.activeBookings(participantId: "p2").map(\.booking.id) == ["b5"])
    }

    @Test func aCourseAndASlotSharingAnIdAreDifferentOffers() async throws {
        let test = try Self.seeded()
        try await test.database.write { db in
            try db.execute(sql: """
                INSERT INTO slot (id, centreId, locationId, startsAt, durationMinutes, service, languages, womenOnly, counsellor, createdAt)
                SELECT 'course', centreId, locationId, startsAt, durationMinutes, service, languages, womenOnly, counsellor, createdAt
                FROM slot WHERE id = 'slot'
                """)
        }
        try Self.insert("b1", status: "confirmed", in: test)
        try Self.insert("b2", course: nil, slot: "course", status: "confirmed", in: test)
        #expect(try await test.database.activeBookings(participantId: "p1").count == 2)
    }

    /// The plan SQLite chooses for `sql`, one line per step.
    static func plan(_ test: TestDatabase, _ sql: String, _ arguments: StatementArguments) throws -> [String] {
        try test.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
    }

    @Test func theRosterSearchesTheRosterIndexInsteadOfScanningBookings() async throws {
        let test = try Self.seeded()
        let plan = try Self.plan(test, AppDatabase.rosterSQL, ["course"])
        #expect(plan.contains { $0.hasPrefix("SEARCH b USING") && $0.contains("INDEX booking_roster (courseId=?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }

    @Test func aParticipantsBookingsAreSearchedByTheUniqueIndex() async throws {
        let test = try Self.seeded()
        let plan = try Self.plan(test, AppDatabase.bookingLinesSQL(where: AppDatabase.activeOfParticipant), ["p1"])
        #expect(plan.contains { $0.contains("INDEX booking_active_offer (participantId=?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }

    @Test func theReminderScanSearchesCoursesAndSlotsByTheirIndexes() async throws {
        let test = try Self.seeded()
        for (column, index) in [("courseId", "booking_roster (courseId=? AND status=?)"), ("slotId", "booking_slot_taken (slotId=?)")] {
            let plan = try await test.database.read { db in
                let statement = try AppDatabase.confirmedBookings(of: column, among: ["a", "b"]).makePreparedRequest(db).statement
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + statement.sql, arguments: statement.arguments)
                    .map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("INDEX \(index)") }, "\(column): \(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(column): \(plan)")
        }
    }

    @Test func readsThroughTheIndexesAnswerOnlyActiveBookingsInTheirOrder() async throws {
        let test = try Self.seeded()
        try Self.insert("b1", status: "cancelled", in: test)
        try Self.insert("b2", participant: "p2", status: "waitlisted", in: test)
        try Self.insert("b3", status: "confirmed", in: test)
        try Self.insert("b4", participant: "p2", course: nil, slot: "slot", status: "confirmed", in: test)
        #expect(try await test.database.roster(courseId: "course").map(\.bookingId) == ["b3", "b2"])
        #expect(try test.database.confirmedBookings(courseIds: ["course"], slotIds: ["slot"]).map(\.id).sorted() == ["b3", "b4"])
        #expect(try test.database.confirmedBookings(courseIds: [], slotIds: ["slot"]).map(\.id) == ["b4"])
    }

    @Test func aDatabaseOfTheLastReleaseGainsTheIndexesAndKeepsItsBookings() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("old.sqlite").path
        do {
            let old = try DatabasePool(path: path)
            try AppDatabase.migrator.migrate(old, upTo: "v2-reminders")
            try await old.write { db in
                try db.execute(sql: """
                    INSERT INTO organisation VALUES ('centre', 'advice-centre', 'AWO', 0), ('prov', 'provider', 'VHS', 0);
                    INSERT INTO location VALUES ('loc', 'prov', 'VHS', 'Königstraße 1', 'Mitte', 51.43, 6.76, 1);
                    INSERT INTO course VALUES ('course', 'prov', 'A1', 'general', 'A1', 'loc', 20, 0, 0, '2027-05-03', '2027-07-30', 1, 540, 735, 0, 0);
                    INSERT INTO participant VALUES ('p1', 'centre', 'Elif', 'e@example.org', 'tr', 'tr', 'female', 'Mitte', 51.4, 6.7, 'A1', 0, 0, 0, '', 0, 0, NULL);
                    INSERT INTO booking (id, participantId, courseId, status, createdAt, updatedAt) VALUES ('b1', 'p1', 'course', 'confirmed', 0, 0);
                    """)
            }
        }
        let database = try AppDatabase(path: path)
        #expect(try database.appliedMigrations().last == "v8-withdrawn-offers")
        #expect(try await database.activeBookings(participantId: "p1").map(\.booking.id) == ["b1"])
        let indexes = try await database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'booking' AND sql IS NOT NULL")
        }
        #expect(Set(indexes) == [
            "booking_slot_taken", "booking_active_offer", "booking_roster", "booking_cancelled", "booking_no_show",
        ])
    }
}

/// A batch writes each booking change in the order the ledger decided it.
@Suite struct BatchOrderTests {
    @Test func aSlotMovedAwayFromAndTakenInTheSameBatchIsStoredWithoutTrippingTheUniqueIndex() async throws {
        let test = try BookingIntegrityTests.seeded()
        let now = BatchStoreTests.now
        var ledger = try await test.database.loadLedger()
        let location = try #require(try await test.database.location(id: "loc"))
        func slot(_ id: String, _ start: String) throws -> Slot {
            try SlotInput(locationId: "loc", start: start, durationMinutes: 45, service: "mbe", languages: ["de", "ar", "ro"])
                .validated(id: id, centreId: "centre")
        }
        func apply(_ commands: [LedgerCommand]) throws {
            var changes = LedgerChanges()
            for command in commands {
                let (decision, events) = ledger.apply(command, now: now)
                if case .rejected(let why) = decision { Issue.record("\(command): \(why)") }
                changes.record(command, decision, events)
            }
            try test.database.commit(changes, now: now)
        }
        try apply([
            .putSlot(try slot("s1", "2027-05-04T10:00:00+02:00"), at: location), .putSlot(try slot("s2", "2027-05-05T10:00:00+02:00"), at: location),
            .book(BookingRequest(bookingId: "bk1", participantId: "p1", offer: .slot("s1"))),
        ])
        try apply([
            .reschedule(bookingId: "bk1", toSlot: "s2"),
            .book(BookingRequest(bookingId: "bk2", participantId: "p2", offer: .slot("s1"))),
        ])
        #expect(try test.database.booking(id: "bk1")?.offer == .slot("s2"))
        #expect(try test.database.booking(id: "bk1")?.sequence == 1)
        #expect(try test.database.booking(id: "bk2")?.offer == .slot("s1"))
        #expect(try await test.database.loadLedger().catalogue.freeSeats(.slot("s1")) == 0)
    }
}
