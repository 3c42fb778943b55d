import Testing
@testable import SchedulingCore

/// `changeCourse`: a published course's capacity, title and childcare as one decision.
@Suite struct LedgerCourseChangeTests {
    static let now = Fixture.instant("2027-04-01T12:00:00+02:00")

    /// The fixture course with `capacity` seats, booked by `bookings` participants in turn.
    static func ledger(capacity: Int, bookings: Int) -> Ledger {
        var ledger = Ledger()
        var course = Fixture.course()
        course.capacity = capacity
        _ = ledger.apply(.putCourse(course, at: Fixture.location()), now: now)
        for index in 0..<bookings {
            let p = Fixture.participant()
            _ = ledger.apply(.putParticipant(Participant(
                id: "p\(index)", centreId: p.centreId, name: p.name, email: p.email, preferredLanguage: p.preferredLanguage,
                languages: p.languages, gender: p.gender, district: p.district, coordinate: p.coordinate, level: p.level,
                needs: p.needs, availability: p.availability, registeredAt: p.registeredAt)), now: now)
            _ = ledger.apply(.book(BookingRequest(bookingId: "b\(index)", participantId: "p\(index)", offer: .course(course.id))), now: now)
        }
        return ledger
    }

    static func change(title: String? = nil, capacity: Int? = nil, childcare: Bool? = nil) throws -> LedgerCommand {
        .changeCourse(try CoursePatch(title: title, capacity: capacity, childcare: childcare).validated(courseId: "course-1"))
    }

    @Test func aCapacityBelowTheConfirmedSeatsChangesNeitherCapacityNorTitle() throws {
        var ledger = Self.ledger(capacity: 3, bookings: 3)
        let before = try #require(ledger.course(id: "course-1"))
        let (decision, events) = ledger.apply(try Self.change(title: "Integrationskurs (neu)", capacity: 2, childcare: true), now: Self.now)
        #expect(decision == .rejected(.capacityBelowConfirmed(confirmed: 3)))
        #expect(events.isEmpty)
        #expect(ledger.course(id: "course-1") == before)
        #expect(ledger.occupancy(courseId: "course-1")! == (confirmed: 3, capacity: 3, waitlisted: 0))
    }

    @Test func moreSeatsConfirmTheWaitlistInOrderAndTheOtherFieldsChangeWithThem() throws {
        var ledger = Self.ledger(capacity: 1, bookings: 4)
        let before = try #require(ledger.course(id: "course-1"))
        let (decision, events) = ledger.apply(try Self.change(title: " Integrationskurs B ", capacity: 3, childcare: true), now: Self.now)
        guard case .courseChanged(courseId: "course-1", promoted: let promoted) = decision else {
            Issue.record("\(decision)")
            return
        }
        #expect(promoted.map(\.id) == ["b1", "b2"])
        #expect(events.map(\.kind) == [.capacityChanged, .promoted, .promoted])
        #expect(ledger.waitlist(courseId: "course-1") == ["b3"])
        var expected = before
        expected.title = "Integrationskurs B"
        expected.capacity = 3
        expected.childcare = true
        #expect(ledger.course(id: "course-1") == expected)
        #expect(ledger.occupancy(courseId: "course-1")! == (confirmed: 3, capacity: 3, waitlisted: 1))
    }

    @Test func aChangeWithoutCapacityLeavesTheSeatsAndRecordsNoEvent() throws {
        var ledger = Self.ledger(capacity: 1, bookings: 2)
        let (decision, events) = ledger.apply(try Self.change(title: "Abendkurs"), now: Self.now)
        #expect(decision == .courseChanged(courseId: "course-1", promoted: []))
        #expect(events.isEmpty)
        #expect(ledger.course(id: "course-1")?.title == "Abendkurs")
        #expect(ledger.course(id: "course-1")?.capacity == 1)
        #expect(ledger.occupancy(courseId: "course-1")! == (confirmed: 1, capacity: 1, waitlisted: 1))
    }

    @Test func anUnknownCourseIsRefused() throws {
        var ledger = Self.ledger(capacity: 1, bookings: 0)
        let command = LedgerCommand.changeCourse(try CoursePatch(title: "X").validated(courseId: "course-9"))
        #expect(ledger.apply(command, now: Self.now).0 == .rejected(.unknownOffer(.course("course-9"))))
    }

    @Test func aPatchIsCheckedWholeBeforeItBecomesAChange() {
        let failure = #expect(throws: ValidationFailure.self) {
            try CoursePatch(title: "  ", capacity: 0).validated(courseId: "course-1")
        }
        #expect(failure?.errors.map(\.field) == ["title", "capacity"])
        #expect(throws: ValidationFailure.self) { try CoursePatch().validated(courseId: "course-1") }
    }
}
