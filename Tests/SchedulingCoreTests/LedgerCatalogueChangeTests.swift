import Testing
@testable import SchedulingCore

/// The catalogue commands the workspaces' forms and uploads send: a course withdrawn, a slot
/// removed, offers and participants put in batches, a place changed.
@Suite struct LedgerCatalogueChangeTests {
    static let now = Fixture.now

    static func person(_ id: String) -> Participant {
        let p = Fixture.participant()
        return Participant(
            id: id, centreId: p.centreId, name: p.name, email: p.email, preferredLanguage: p.preferredLanguage, languages: p.languages,
            gender: p.gender, district: p.district, coordinate: p.coordinate, level: p.level, needs: p.needs,
            availability: p.availability, registeredAt: p.registeredAt)
    }

    @Test func withdrawingCancelsTheWaitingFirstPromotesNobodyAndForgetsTheCourse() {
        var ledger = LedgerCourseChangeTests.ledger(capacity: 2, bookings: 4)
        let (decision, events) = ledger.apply(.withdrawCourse(courseId: "course-1"), now: Self.now)
        guard case .courseWithdrawn(_, let cancelled) = decision else { Issue.record("\(decision)"); return }
        #expect(cancelled.map(\.id) == ["b2", "b3", "b0", "b1"])
        #expect(cancelled.allSatisfy { $0.status == .cancelled && $0.cancelledBy == .provider })
        #expect(events.map(\.kind) == [.cancelled, .cancelled, .cancelled, .cancelled], "no promotion on the way")
        #expect(ledger.course(id: "course-1") == nil && ledger.occupancy(courseId: "course-1") == nil)
        // Booking it now is refused as an unknown offer.
        let again = ledger.apply(.book(BookingRequest(bookingId: "b9", participantId: "p0", offer: .course("course-1"))), now: Self.now)
        #expect(again.0 == .rejected(.unknownOffer(.course("course-1"))))
    }

    @Test func aCourseThatHasBegunIsNotWithdrawn() {
        var ledger = LedgerCourseChangeTests.ledger(capacity: 2, bookings: 1)
        let firstDay = Fixture.instant("2027-05-03T08:00:00+02:00")
        #expect(ledger.apply(.withdrawCourse(courseId: "course-1"), now: firstDay).0
            == .rejected(.courseBegun(courseId: "course-1", startDate: "2027-05-03")))
        #expect(ledger.occupancy(courseId: "course-1")?.confirmed == 1)
    }

    @Test func aHeldSlotStaysAndAFreeOneGoes() {
        var ledger = Ledger()
        _ = ledger.apply(.putSlot(Fixture.slot(), at: Fixture.location()), now: Self.now)
        _ = ledger.apply(.putParticipant(Self.person("p-1")), now: Self.now)
        _ = ledger.apply(.book(BookingRequest(bookingId: "b1", participantId: "p-1", offer: .slot("slot-1"))), now: Self.now)
        #expect(ledger.apply(.removeSlot(slotId: "slot-1"), now: Self.now).0 == .rejected(.slotTaken(slotId: "slot-1")))
        _ = ledger.apply(.cancel(bookingId: "b1", by: .centre), now: Self.now)
        #expect(ledger.apply(.removeSlot(slotId: "slot-1"), now: Self.now).0 == .stored)
        #expect(ledger.slot(id: "slot-1") == nil)
    }

    @Test func aBatchWithOneTakenIdStoresNothing() {
        var ledger = Ledger()
        let place = Fixture.location()
        _ = ledger.apply(.putCourse(Fixture.course(), at: place), now: Self.now)
        var other = Fixture.course()
        other = Course(
            id: "course-2", providerId: other.providerId, title: "Neu", kind: other.kind, level: other.level, locationId: other.locationId,
            capacity: 5, womenOnly: false, childcare: false, startDate: other.startDate, endDate: other.endDate, weekdays: other.weekdays,
            startTime: other.startTime, endTime: other.endTime, pausesInSchoolHolidays: false)
        var taken = Fixture.course()
        taken.title = "Überschrieben?"
        #expect(ledger.apply(.putOffers(courses: [(other, place), (taken, place)], slots: []), now: Self.now).0 == .rejected(.idTaken("course-1")))
        #expect(ledger.course(id: "course-2") == nil && ledger.course(id: "course-1")?.title == "Integrationskurs")
        #expect(ledger.apply(.putParticipants([Self.person("p-1")]), now: Self.now).0 == .stored)
        #expect(ledger.apply(.putParticipants([Self.person("p-2"), Self.person("p-1")]), now: Self.now).0 == .rejected(.idTaken("p-1")))
        #expect(ledger.participant(id: "p-2") == nil)
    }

    @Test func aChangedPlaceReachesItsOffersAndAnOlderCopyDoesNotUndoIt() {
        var ledger = Ledger()
        let before = Fixture.location(stepFree: false)
        _ = ledger.apply(.putCourse(Fixture.course(), at: before), now: Self.now)
        let after = Fixture.location(stepFree: true)
        _ = ledger.apply(.putLocation(after), now: Self.now)
        #expect(ledger.catalogue.courseWithLocation(id: "course-1")?.location.stepFree == true)
        // A slot whose command carried the place as read before the change.
        _ = ledger.apply(.putSlot(Fixture.slot(), at: before), now: Self.now)
        #expect(ledger.catalogue.slotWithLocation(id: "slot-1")?.location.stepFree == true)
    }
}
