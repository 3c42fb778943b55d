import Testing
@testable import SchedulingCore

/// Batch allocation through the ledger: waiting people placed in courses with free seats.
@Suite struct LedgerAllocationTests {
    static let now = Fixture.instant("2027-01-04T10:00:00+01:00")

    /// A full course everyone waits for, and two new courses with `seats` free places each.
    func ledger(waiting: [(id: String, gender: Gender, registered: String)], seats: Int = 1, newCourseWomenOnly: Bool = false) -> Ledger {
        var ledger = Ledger()
        func course(_ id: String, capacity: Int, start: String, womenOnly: Bool = false) -> Course {
            Course(id: id, providerId: "prov", title: id, kind: .general, level: .a1, locationId: "loc-1", capacity: capacity,
                   womenOnly: womenOnly, childcare: false, startDate: Fixture.date(start), endDate: Fixture.date(start),
                   weekdays: WeekdaySet(Weekday.allCases), startTime: Fixture.time("09:00"), endTime: Fixture.time("12:00"))
        }
        _ = ledger.apply(.putCourse(course("full", capacity: 1, start: "2027-02-01"), at: Fixture.location()), now: Self.now)
        _ = ledger.apply(.putCourse(course("new-a", capacity: seats, start: "2027-02-02", womenOnly: newCourseWomenOnly), at: Fixture.location()), now: Self.now)
        _ = ledger.apply(.putCourse(course("new-b", capacity: seats, start: "2027-02-20"), at: Fixture.location()), now: Self.now)
        _ = ledger.apply(.putParticipant(participant("holder", .female, "2026-01-01T10:00:00+01:00")), now: Self.now)
        _ = ledger.apply(.book(BookingRequest(bookingId: "held", participantId: "holder", offer: .course("full"))), now: Self.now)
        for (id, gender, registered) in waiting {
            _ = ledger.apply(.putParticipant(participant(id, gender, registered)), now: Self.now)
            _ = ledger.apply(.book(BookingRequest(bookingId: "w-\(id)", participantId: id, offer: .course("full"))), now: Self.now)
        }
        return ledger
    }

    func participant(_ id: String, _ gender: Gender, _ registered: String) -> Participant {
        let base = Fixture.participant(gender: gender, level: .a1, languages: ["de"])
        return Participant(id: id, centreId: "centre-1", name: base.name, email: base.email, preferredLanguage: base.preferredLanguage,
                           languages: base.languages, gender: gender, district: base.district, coordinate: base.coordinate,
                           level: base.level, needs: base.needs, availability: base.availability,
                           registeredAt: Fixture.instant(registered))
    }

    func outcome(_ decision: LedgerDecision) -> AllocationOutcome? {
        if case .allocation(let outcome) = decision { outcome } else { nil }
    }

    @Test func waitingParticipantsArePlacedAndTheirWaitlistPlacesWithdrawn() throws {
        var ledger = ledger(waiting: [("p1", .female, "2026-10-01T10:00:00+02:00"), ("p2", .male, "2026-11-01T10:00:00+01:00")])
        let (decision, events) = ledger.apply(.allocate(AllocationRequest(bookingIdPrefix: "alloc")), now: Self.now)
        let result = try #require(outcome(decision))
        #expect(result.placements.count == 2 && result.unassigned == 0)
        #expect(result.bookings.allSatisfy { $0.status == .confirmed })
        // The earlier start is cheaper; the longer-waiting participant gets it.
        #expect(result.placements.contains(Placement(participantId: "p1", courseId: "new-a")))
        #expect(ledger.booking(id: "w-p1")?.status == .cancelled)
        #expect(ledger.waitlist(courseId: "full").isEmpty)
        #expect(events.filter { $0.kind == .confirmed }.count == 2)
        #expect(ledger.occupancy(courseId: "new-a")?.confirmed == 1 && ledger.occupancy(courseId: "new-b")?.confirmed == 1)
    }

    @Test func aDryRunProposesWithoutChangingAnything() throws {
        var ledger = ledger(waiting: [("p1", .female, "2026-10-01T10:00:00+02:00")])
        let (decision, events) = ledger.apply(.allocate(AllocationRequest(dryRun: true, bookingIdPrefix: "alloc")), now: Self.now)
        let result = try #require(outcome(decision))
        #expect(result.placements.count == 1 && result.bookings.isEmpty && result.dryRun)
        #expect(events.isEmpty)
        #expect(ledger.booking(id: "w-p1")?.status == .waitlisted)
        #expect(ledger.occupancy(courseId: "new-a")?.confirmed == 0)
    }

    @Test func seatsAndEligibilityLimitThePlacements() throws {
        let waiting: [(String, Gender, String)] = [
            ("m1", .male, "2026-09-01T10:00:00+02:00"), ("f1", .female, "2026-10-01T10:00:00+02:00"),
            ("f2", .female, "2026-11-01T10:00:00+01:00"),
        ]
        var ledger = ledger(waiting: waiting, seats: 1, newCourseWomenOnly: true)
        let (decision, _) = ledger.apply(.allocate(AllocationRequest(bookingIdPrefix: "alloc")), now: Self.now)
        let result = try #require(outcome(decision))
        #expect(result.placements.count == 2 && result.unassigned == 1)
        #expect(!result.placements.contains { $0.participantId == "m1" && $0.courseId == "new-a" })
        #expect(ledger.occupancy(courseId: "new-a")!.confirmed <= 1 && ledger.occupancy(courseId: "new-b")!.confirmed <= 1)
    }

    @Test func longerWaitingWinsWhenSeatsRunShort() throws {
        let waiting: [(String, Gender, String)] = [
            ("recent", .female, "2026-12-20T10:00:00+01:00"), ("patient", .female, "2026-02-01T10:00:00+01:00"),
        ]
        var ledger = ledger(waiting: waiting)
        let (decision, _) = ledger.apply(.allocate(AllocationRequest(courseIds: ["new-a"], bookingIdPrefix: "alloc")), now: Self.now)
        let result = try #require(outcome(decision))
        #expect(result.placements == [Placement(participantId: "patient", courseId: "new-a")])
        #expect(result.unassigned == 1)
    }

    @Test func placementCostIsTheDocumentedSum() {
        let participant = participant("p", .female, "2026-01-01T10:00:00+01:00")
        var location = Fixture.location()
        location.coordinate = participant.coordinate
        let course = Fixture.course(from: "2027-01-14", through: "2027-02-14", times: ("18:00", "20:00"))
        var morningOnly = participant
        morningOnly.availability = [.morning]
        let now = LocalDateTime(date: Fixture.date("2027-01-04"), minutes: 600)
        // 0 km, 10 days to start, evening outside a morning-only availability, a year waited.
        #expect(PlacementCost.cost(of: morningOnly, in: course, at: location, now: now, registeredOn: Fixture.date("2026-01-01")) == 0 + 10 + 30 + 0)
        // Registered this week: the full waiting penalty.
        #expect(PlacementCost.cost(of: participant, in: course, at: location, now: now, registeredOn: Fixture.date("2027-01-01")) == 10 + 12)
    }
}
