import BookingEngine
import Foundation
import GRDB
import SchedulingCore
import Store
import Synchronization
import Testing
import TestSupport

@Suite struct BookingRaceTests {
    @Test func sixtyFourTasksRacingForTenSeatsConfirmExactlyTen() async throws {
        let fixture = try EngineFixture(participants: 200, capacity: 10)
        let engine = try fixture.engine()
        let decisions = try await withThrowingTaskGroup(of: [LedgerDecision].self) { group in
            for task in 0..<64 {
                group.addTask {
                    var mine: [LedgerDecision] = []
                    for participant in stride(from: task, to: 200, by: 64) {
                        mine.append(try await engine.submit(fixture.book(participant, .course("course"))))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        var confirmed = 0
        var positions: [Int] = []
        for decision in decisions {
            guard case .booking(let booking, let position) = decision else {
                Issue.record("unexpected \(decision)")
                continue
            }
            if booking.status == .confirmed { confirmed += 1 }
            if let position { positions.append(position) }
        }
        #expect(confirmed == 10)
        #expect(positions.sorted() == Array(1...190))
        let stored = try fixture.storedStatuses()
        #expect(stored.values.filter { $0 == "confirmed" }.count == 10)
        #expect(stored.values.filter { $0 == "waitlisted" }.count == 190)
        #expect(await engine.statistics.transactions < 200)  // group commit: fewer transactions than bookings
    }

    @Test func fiftyRacingForOneSlotConfirmExactlyOne() async throws {
        let fixture = try EngineFixture(participants: 50)
        let engine = try fixture.engine()
        let decisions = try await withThrowingTaskGroup(of: LedgerDecision.self) { group in
            for participant in 0..<50 {
                group.addTask { try await engine.submit(fixture.book(participant, .slot("slot"))) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let confirmed = decisions.filter { if case .booking(let b, _) = $0 { b.status == .confirmed } else { false } }
        let taken = decisions.filter { $0 == .rejected(.slotTaken(slotId: "slot")) }
        #expect(confirmed.count == 1)
        #expect(taken.count == 49)
        #expect(try fixture.storedStatuses().count == 1)
    }
}

@Suite struct BookingEngineDurabilityTests {
    @Test func cancellingPromotesTheFirstWaitingAndEveryChangeLandsInTheOutbox() async throws {
        let fixture = try EngineFixture(participants: 3, capacity: 1)
        let engine = try fixture.engine()
        let first = try await engine.submit(fixture.book(0, .course("course")))
        let second = try await engine.submit(fixture.book(1, .course("course")))
        guard case .booking(let held, nil) = first, case .booking(let waiting, 1?) = second else {
            Issue.record("expected confirmed then waitlisted at 1, got \(first), \(second)")
            return
        }
        _ = try await engine.submit(.cancel(bookingId: held.id, by: .centre))
        #expect(try fixture.storedStatuses() == [held.id: "cancelled", waiting.id: "confirmed"])
        let outbox = try await fixture.database.read { db in try String.fetchAll(db, sql: "SELECT kind FROM outbox ORDER BY id") }
        #expect(outbox == ["confirmed", "waitlisted", "cancelled", "promoted"])
        let events = try await fixture.database.read { db in try String.fetchAll(db, sql: "SELECT kind FROM event ORDER BY seq") }
        #expect(events == ["booking.confirmed", "booking.waitlisted", "booking.cancelled", "booking.promoted"])
    }

    @Test func stateAndIdempotencyKeysSurviveARestart() async throws {
        let fixture = try EngineFixture(participants: 3, capacity: 1)
        let before = try fixture.engine()
        let original = try await before.submit(fixture.book(0, .course("course"), key: "key-1"))
        _ = try await before.submit(fixture.book(1, .course("course")))
        await before.drain()

        let after = try fixture.engine()
        let repeated = try await after.submit(fixture.book(0, .course("course"), key: "key-1"))
        #expect(repeated == original)
        let misused = try await after.submit(fixture.book(2, .course("course"), key: "key-1"))
        #expect(misused == .rejected(.idempotencyKeyReused))
        let third = try await after.submit(fixture.book(2, .course("course")))
        guard case .booking(let booking, let position) = third else { Issue.record("\(third)"); return }
        #expect(booking.status == .waitlisted && position == 2)
        #expect(try fixture.storedStatuses().count == 3)
    }

    /// What the workspaces change in the catalogue is what a restart loads: a changed place (not
    /// undone by an offer that carried an older copy), a withdrawn course, a removed slot.
    @Test func catalogueChangesSurviveARestart() async throws {
        let fixture = try EngineFixture(participants: 2)
        let before = try fixture.engine()
        _ = try await before.submit(fixture.book(0, .course("course")))
        let old = try #require(try await fixture.database.location(id: "loc"))
        let changed = Location(
            id: old.id, ownerId: old.ownerId, name: "VHS (neuer Eingang)", address: old.address, district: old.district,
            coordinate: old.coordinate, stepFree: false)
        _ = try await before.submit(.putLocation(changed))
        var course = try #require(before.catalogue.course(id: "course"))
        course = Course(
            id: "course-2", providerId: course.providerId, title: "Abendkurs", kind: course.kind, level: course.level,
            locationId: course.locationId, capacity: 5, womenOnly: false, childcare: false, startDate: course.startDate,
            endDate: course.endDate, weekdays: course.weekdays, startTime: course.startTime, endTime: course.endTime,
            pausesInSchoolHolidays: false)
        _ = try await before.submit(.putCourse(course, at: old))
        let withdrawn = try await before.submit(.withdrawCourse(courseId: "course"))
        guard case .courseWithdrawn(_, let cancelled) = withdrawn else { Issue.record("\(withdrawn)"); return }
        #expect(cancelled.count == 1)
        #expect(try await before.submit(.removeSlot(slotId: "slot")) == .stored)
        await before.drain()

        let after = try fixture.engine()
        #expect(after.catalogue.course(id: "course") == nil && after.catalogue.slot(id: "slot") == nil)
        #expect(after.catalogue.courseWithLocation(id: "course-2")?.location.name == "VHS (neuer Eingang)")
        #expect(try await fixture.database.location(id: "loc")?.stepFree == false)
        #expect(try fixture.storedStatuses().values.allSatisfy { $0 == "cancelled" })
    }

    @Test func capacityBelowConfirmedIsRefusedAndARaisePromotesInOrder() async throws {
        let fixture = try EngineFixture(participants: 4, capacity: 2)
        let engine = try fixture.engine()
        var ids: [String] = []
        for participant in 0..<4 {
            if case .booking(let b, _) = try await engine.submit(fixture.book(participant, .course("course"))) { ids.append(b.id) }
        }
        #expect(try await engine.submit(.changeCapacity(courseId: "course", capacity: 1)) == .rejected(.capacityBelowConfirmed(confirmed: 2)))
        let raised = try await engine.submit(.changeCapacity(courseId: "course", capacity: 3))
        guard case .capacityChanged(_, 3, let promoted) = raised else { Issue.record("\(raised)"); return }
        #expect(promoted.map(\.id) == [ids[2]])
        let stored = try await fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT capacity FROM course") }
        #expect(stored == 3)
    }

    @Test func erasingAParticipantCancelsTheirBookingsAndDropsTheirMail() async throws {
        let fixture = try EngineFixture(participants: 2, capacity: 1)
        let engine = try fixture.engine()
        _ = try await engine.submit(fixture.book(0, .course("course")))
        _ = try await engine.submit(fixture.book(0, .slot("slot")))
        _ = try await engine.submit(fixture.book(1, .course("course")))
        let erased = try await engine.submit(.eraseParticipant(participantId: "p0"))
        guard case .erased(_, let cancelled) = erased else { Issue.record("\(erased)"); return }
        #expect(cancelled.count == 2)
        let (name, mail) = try await fixture.database.read { db in
            (try String.fetchOne(db, sql: "SELECT name || email FROM participant WHERE id = 'p0'"),
             try String.fetchAll(db, sql: "SELECT participantId || ':' || kind || ':' || status FROM outbox ORDER BY id"))
        }
        #expect(name == "")
        // Dropped in the erasure's commit; the rows themselves go right after it (`Erasure.finish`).
        #expect(mail == ["p0:confirmed:dropped", "p0:confirmed:dropped", "p1:waitlisted:pending", "p1:promoted:pending"])
        #expect(try await engine.submit(fixture.book(0, .slot("slot"))) == .rejected(.unknownParticipant("p0")))
    }

    @Test func drainAnswersEveryAcceptedCommandThenRefusesNewOnes() async throws {
        let fixture = try EngineFixture(participants: 20)
        let engine = try fixture.engine()
        async let results = withThrowingTaskGroup(of: LedgerDecision.self) { group in
            for participant in 0..<20 { group.addTask { try await engine.submit(fixture.book(participant, .course("course"))) } }
            return try await group.reduce(into: 0) { count, _ in count += 1 }
        }
        _ = try await results
        await engine.drain()
        await #expect(throws: BookingEngineError.shuttingDown) { try await engine.submit(fixture.book(0, .slot("slot"))) }
        #expect(try fixture.storedStatuses().count == 20)
    }
}

@Suite struct EngineAllocationTests {
    @Test func anAllocationBooksWaitingParticipantsIntoANewCourseDurably() async throws {
        let fixture = try EngineFixture(participants: 4, capacity: 1)
        let engine = try fixture.engine()
        for participant in 0..<4 { _ = try await engine.submit(fixture.book(participant, .course("course"))) }
        let course = try #require(try fixture.database.course(id: "course"))
        let location = try #require(try await fixture.database.location(id: "loc"))
        let second = Course(id: "course-2", providerId: "prov", title: "Integrationskurs A1 (neu)", kind: .general, level: .a1,
                        locationId: "loc", capacity: 2, womenOnly: false, childcare: false, startDate: course.startDate,
                        endDate: course.endDate, weekdays: WeekdaySet([.tuesday, .thursday]), startTime: course.startTime,
                        endTime: course.endTime)
        #expect(try await engine.submit(.putCourse(second, at: location)) == .stored)

        let proposal = try await engine.submit(.allocate(AllocationRequest(courseIds: ["course-2"], dryRun: true, bookingIdPrefix: "dry")))
        guard case .allocation(let dry) = proposal else { Issue.record("\(proposal)"); return }
        #expect(dry.placements.count == 2 && dry.unassigned == 1 && dry.bookings.isEmpty)
        #expect(try fixture.storedStatuses().count == 4)

        let decision = try await engine.submit(.allocate(AllocationRequest(courseIds: ["course-2"], bookingIdPrefix: "alloc")))
        guard case .allocation(let outcome) = decision else { Issue.record("\(decision)"); return }
        #expect(outcome.bookings.count == 2)
        let stored = try fixture.storedStatuses()
        #expect(outcome.bookings.allSatisfy { stored[$0.id] == "confirmed" })
        #expect(stored.values.filter { $0 == "waitlisted" }.count == 1)
        #expect(try fixture.database.course(id: "course-2")?.capacity == 2)

        // A restart sees the same seats.
        let restarted = try fixture.engine()
        let seats = restarted.catalogue.occupancy(courseId: "course-2")
        #expect(seats?.confirmed == 2 && seats?.waitlisted == 0)
    }
}

@Suite struct EngineWriteFailureTests {
    @Test func aRefusedWriteFailsItsCallersAndTheLedgerFollowsTheDisk() async throws {
        let fixture = try EngineFixture(participants: 3, capacity: 5)
        // The database itself refuses p1's booking, as a full disk or an I/O error would.
        try await fixture.database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse BEFORE INSERT ON booking WHEN NEW.participantId = 'p1'
                BEGIN SELECT RAISE(ABORT, 'disk says no'); END
                """)
        }
        let engine = try fixture.engine()
        _ = try await engine.submit(fixture.book(0, .course("course")))
        await #expect(throws: DatabaseError.self) { try await engine.submit(fixture.book(1, .course("course"))) }
        let after = try await engine.submit(fixture.book(2, .course("course")))
        guard case .booking(let booking, nil) = after else { Issue.record("\(after)"); return }
        #expect(booking.status == .confirmed)
        // The refused booking is neither stored nor remembered; the seats count only what is stored.
        #expect(engine.catalogue.occupancy(courseId: "course")?.confirmed == 2)
        #expect(try fixture.storedStatuses().count == 2)
        // Had the ledger kept it, p1 would now be "already booked".
        try await fixture.database.write { db in try db.execute(sql: "DROP TRIGGER refuse") }
        let retried = try await engine.submit(fixture.book(1, .course("course")))
        guard case .booking(let again, nil) = retried else { Issue.record("\(retried)"); return }
        #expect(again.status == .confirmed)
        #expect(await engine.statistics.failedTransactions == 1)
    }

    @Test func anEngineThatCannotReloadItsLedgerStopsItsServiceWithTheError() async throws {
        let fixture = try EngineFixture(participants: 2, capacity: 5)
        let engine = try fixture.engine()
        let running = Task { try await engine.run() }
        // After the engine started: a refused write, and a row the reload cannot read.
        try await fixture.database.write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse BEFORE INSERT ON booking WHEN NEW.participantId = 'p1'
                BEGIN SELECT RAISE(ABORT, 'disk says no'); END;
                UPDATE course SET level = 'no such level' WHERE id = 'course';
                """)
        }
        await #expect(throws: DatabaseError.self) { try await engine.submit(fixture.book(1, .course("course"))) }
        // The engine takes nothing more, and its service ends with the reload's error.
        await #expect(throws: (any Error).self) { try await engine.submit(fixture.book(0, .course("course"))) }
        await #expect(throws: (any Error).self) { try await running.value }
    }
}

@Suite struct EngineLoadTests {
    /// Commits report `busy` when callers compete (the notifier holds mail back then), and only then.
    @Test func commitsAreBusyWhenCallersCompeteAndQuietOneAtATime() async throws {
        let fixture = try EngineFixture(participants: 64, capacity: 100)
        let commits = Mutex<[BookingEngine.Commit]>([])
        let engine = try BookingEngine(database: fixture.database, clock: { EngineFixture.now }) { commit in
            commits.withLock { $0.append(commit) }
        }
        // The report runs on the engine's queue and may come after the answer: wait for it.
        func reported(_ count: Int) async -> Bool {
            await eventually { commits.withLock { $0.count } >= count }
        }
        // One at a time, as an advice centre books, even straight after the answer: every commit is quiet.
        for participant in 0..<10 { _ = try await engine.submit(fixture.book(participant, .course("course"))) }
        #expect(await reported(10))
        #expect(commits.withLock { $0.allSatisfy { !$0.busy } })

        commits.withLock { $0.removeAll() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for participant in 10..<64 { group.addTask { _ = try await engine.submit(fixture.book(participant, .course("course"))) } }
            try await group.waitForAll()
        }
        // Every command of the storm is reported once its batch is.
        #expect(await eventually { commits.withLock { $0.map(\.changes.commandCount).reduce(0, +) } == 54 })
        let storm = commits.withLock { $0 }
        // 54 commands sent at once cannot all have been decided alone, each after the last was written.
        #expect(storm.contains { $0.busy })
    }
}
