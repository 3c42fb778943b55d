import Testing
@testable import SchedulingCore

/// The retention period's erasure, decided by the ledger with the bookings as they are now.
@Suite struct LedgerRetentionTests {
    /// Participant `p-1` (registered 2026-10-01) booked at `Fixture.now` into a course ending `end`.
    static func ledger(courseEnds end: String) -> Ledger {
        var ledger = Ledger()
        _ = ledger.apply(.putParticipant(Fixture.participant()), now: Fixture.now)
        _ = ledger.apply(.putCourse(Fixture.course(from: "2027-05-03", through: end), at: Fixture.location()), now: Fixture.now)
        _ = ledger.apply(.book(BookingRequest(bookingId: "bk", participantId: "p-1", offer: .course(Fixture.course().id))), now: Fixture.now)
        return ledger
    }

    @Test func someoneWhoseCourseIsLongOverAndWhoseBookingsAreOldIsErased() {
        var ledger = Self.ledger(courseEnds: "2027-07-30")
        let cutoff = Fixture.instant("2027-08-01T00:00:00+02:00")
        let (decision, events) = ledger.apply(.eraseIdleParticipant(participantId: "p-1", idleSince: cutoff), now: cutoff)
        guard case .erased(_, let cancelled) = decision else { Issue.record("\(decision)"); return }
        #expect(cancelled.map(\.id) == ["bk"] && !events.isEmpty)
        #expect(ledger.participant(id: "p-1") == nil)
    }

    @Test func someoneWhoseCourseRunsPastTheCutoffIsKept() {
        var ledger = Self.ledger(courseEnds: "2027-12-17")
        let cutoff = Fixture.instant("2027-08-01T00:00:00+02:00")
        let (decision, events) = ledger.apply(.eraseIdleParticipant(participantId: "p-1", idleSince: cutoff), now: cutoff)
        #expect(decision == .rejected(.notIdle(participantId: "p-1")) && events.isEmpty)
        #expect(ledger.booking(id: "bk")?.status == .confirmed)
    }

    @Test func someoneWhoBookedOrCancelledAfterTheCutoffIsKeptThoughTheCourseIsOver() {
        var ledger = Self.ledger(courseEnds: "2027-07-30")
        let cutoff = Fixture.instant("2027-08-01T00:00:00+02:00")
        // Cancelled a moment ago (after the retention run read its list): the change counts.
        _ = ledger.apply(.cancel(bookingId: "bk", by: .centre), now: cutoff.adding(seconds: 60))
        let (decision, _) = ledger.apply(.eraseIdleParticipant(participantId: "p-1", idleSince: cutoff), now: cutoff.adding(seconds: 120))
        #expect(decision == .rejected(.notIdle(participantId: "p-1")))
        // A restored ledger knows it too, from the cancelled booking alone.
        let restored = Ledger.restore(
            courses: [(Fixture.course(from: "2027-05-03", through: "2027-07-30"), Fixture.location())], slots: [],
            participants: [Fixture.participant()], bookings: Array(ledger.allBookings), replays: [])
        var again = restored
        #expect(again.apply(.eraseIdleParticipant(participantId: "p-1", idleSince: cutoff), now: cutoff).0
            == .rejected(.notIdle(participantId: "p-1")))
    }

    @Test func someoneRegisteredAfterTheCutoffIsKept() {
        var ledger = Ledger()
        _ = ledger.apply(.putParticipant(Fixture.participant()), now: Fixture.now)
        let cutoff = Fixture.instant("2026-09-01T00:00:00+02:00")
        #expect(ledger.apply(.eraseIdleParticipant(participantId: "p-1", idleSince: cutoff), now: Fixture.now).0
            == .rejected(.notIdle(participantId: "p-1")))
    }

    @Test func anIdempotencyAnswerOlderThanItsLifetimeNoLongerAnswers() {
        var ledger = Ledger()
        _ = ledger.apply(.putParticipant(Fixture.participant()), now: Fixture.now)
        _ = ledger.apply(.putCourse(Fixture.course(), at: Fixture.location()), now: Fixture.now)
        let key = IdempotencyKey(organisationId: "centre-1", key: "k")
        let first = BookingRequest(bookingId: "b1", participantId: "p-1", offer: .course(Fixture.course().id), idempotencyKey: key)
        _ = ledger.apply(.book(first), now: Fixture.now)
        let other = BookingRequest(bookingId: "b2", participantId: "p-1", offer: .slot("none"), idempotencyKey: key)
        #expect(ledger.apply(.book(other), now: Fixture.now.adding(seconds: 3600)).0 == .rejected(.idempotencyKeyReused))
        // After 48 hours the key is free again, even before a retention run forgets it.
        #expect(ledger.apply(.book(other), now: Fixture.now.adding(seconds: Ledger.replayLifetime + 1)).0 == .rejected(.unknownOffer(.slot("none"))))
    }
}
