import Testing
@testable import SchedulingCore

/// What a participant may do to their own booking: cancel before the notice window, move an
/// appointment to another free slot of the same service; and who cancelled is remembered.
@Suite struct LedgerParticipantChangeTests {
    static let now = Fixture.now

    static func slot(_ id: String, start: String, service: ServiceKind = .mbe, centre: String = "centre-1", womenOnly: Bool = false) -> Slot {
        var slot = Fixture.slot(start: start, womenOnly: womenOnly)
        slot = Slot(
            id: id, centreId: centre, locationId: slot.locationId, start: slot.start, durationMinutes: slot.durationMinutes,
            service: service, languages: slot.languages, womenOnly: slot.womenOnly, counsellor: slot.counsellor)
        return slot
    }

    /// Fixture participant `p-1` (a woman) holding slot `a`; slots `b` … free beside it.
    static func ledger(slots: [Slot]) -> Ledger {
        var ledger = Ledger()
        _ = ledger.apply(.putParticipant(Fixture.participant()), now: now)
        for slot in slots { _ = ledger.apply(.putSlot(slot, at: Fixture.location()), now: now) }
        _ = ledger.apply(.book(BookingRequest(bookingId: "bk", participantId: "p-1", offer: .slot(slots[0].id))), now: now)
        return ledger
    }

    @Test func aParticipantCancelsBeforeTheNoticeWindowButNotInsideItWhereTheCentreStillCan() throws {
        var course = Fixture.course()
        course.cancelUntilHours = 48
        var ledger = Ledger()
        _ = ledger.apply(.putParticipant(Fixture.participant()), now: Self.now)
        _ = ledger.apply(.putCourse(course, at: Fixture.location()), now: Self.now)
        _ = ledger.apply(.book(BookingRequest(bookingId: "bk", participantId: "p-1", offer: .course(course.id))), now: Self.now)
        let deadline = course.cancelDeadline(in: .europeBerlin)
        #expect(deadline == Fixture.instant("2027-05-01T09:00:00+02:00"))

        var late = ledger
        let (refused, none) = late.apply(.cancel(bookingId: "bk", by: .participant), now: deadline)
        #expect(refused == .rejected(.noticeWindowPassed(deadline: deadline)) && none.isEmpty)
        #expect(late.booking(id: "bk")?.status == .confirmed)
        let (byCentre, _) = late.apply(.cancel(bookingId: "bk", by: .centre), now: deadline)
        guard case .booking(let cancelled, _) = byCentre else { Issue.record("\(byCentre)"); return }
        #expect(cancelled.cancelledBy == .centre)

        let (early, events) = ledger.apply(.cancel(bookingId: "bk", by: .participant), now: deadline.adding(seconds: -1))
        guard case .booking(let own, _) = early else { Issue.record("\(early)"); return }
        #expect(own.status == .cancelled && own.cancelledBy == .participant && events.map(\.kind) == [.cancelled])
    }

    @Test func anErasureCancelsAsTheSystem() {
        var ledger = Self.ledger(slots: [Self.slot("a", start: "2027-05-04T10:00:00+02:00")])
        let (decision, _) = ledger.apply(.eraseParticipant(participantId: "p-1"), now: Self.now)
        guard case .erased(_, let cancelled) = decision else { Issue.record("\(decision)"); return }
        #expect(cancelled.map(\.cancelledBy) == [.system])
    }

    @Test func rescheduleMovesTheBookingKeepingItsIdAndFreesTheOldSlot() {
        var ledger = Self.ledger(slots: [
            Self.slot("a", start: "2027-05-04T10:00:00+02:00"), Self.slot("b", start: "2027-05-05T10:00:00+02:00"),
        ])
        let (decision, events) = ledger.apply(.reschedule(bookingId: "bk", toSlot: "b"), now: Self.now)
        guard case .booking(let moved, _) = decision else { Issue.record("\(decision)"); return }
        #expect(moved.id == "bk" && moved.offer == .slot("b") && moved.sequence == 1 && moved.status == .confirmed)
        #expect(events.map(\.kind) == [.rescheduled])
        #expect(ledger.catalogue.freeSeats(.slot("a")) == 1 && ledger.catalogue.freeSeats(.slot("b")) == 0)
        // The old slot is free for anyone, and the participant may not hold "b" twice.
        let (again, _) = ledger.apply(.book(BookingRequest(bookingId: "bk2", participantId: "p-1", offer: .slot("b"))), now: Self.now)
        #expect(again == .rejected(.alreadyBooked(bookingId: "bk")))
        let (back, _) = ledger.apply(.book(BookingRequest(bookingId: "bk3", participantId: "p-1", offer: .slot("a"))), now: Self.now)
        guard case .booking(let rebooked, _) = back else { Issue.record("\(back)"); return }
        #expect(rebooked.status == .confirmed)
    }

    @Test func rescheduleRefusesAnotherServiceATakenSlotAnIneligibleOneAndTheNoticeWindowChangingNothing() {
        let slots = [
            Self.slot("a", start: "2027-05-04T10:00:00+02:00"), Self.slot("jmd", start: "2027-05-05T10:00:00+02:00", service: .jmd),
            Self.slot("other-centre", start: "2027-05-05T11:00:00+02:00", centre: "centre-2"),
            Self.slot("taken", start: "2027-05-06T10:00:00+02:00"),
        ]
        var ledger = Self.ledger(slots: slots)
        var someone = Fixture.participant()
        someone = Participant(
            id: "p-2", centreId: someone.centreId, name: "Ana", email: nil, preferredLanguage: someone.preferredLanguage,
            languages: someone.languages, gender: .male, district: someone.district, coordinate: someone.coordinate,
            level: someone.level, needs: someone.needs, availability: someone.availability, registeredAt: someone.registeredAt)
        _ = ledger.apply(.putParticipant(someone), now: Self.now)
        _ = ledger.apply(.book(BookingRequest(bookingId: "bk-taken", participantId: "p-2", offer: .slot("taken"))), now: Self.now)
        let before = ledger.booking(id: "bk")

        #expect(ledger.apply(.reschedule(bookingId: "bk", toSlot: "jmd"), now: Self.now).0 == .rejected(.rescheduleRefused(
            reason: "the new slot must be of the same service at the same centre")))
        #expect(ledger.apply(.reschedule(bookingId: "bk", toSlot: "other-centre"), now: Self.now).0 == .rejected(.rescheduleRefused(
            reason: "the new slot must be of the same service at the same centre")))
        #expect(ledger.apply(.reschedule(bookingId: "bk", toSlot: "taken"), now: Self.now).0 == .rejected(.slotTaken(slotId: "taken")))
        #expect(ledger.apply(.reschedule(bookingId: "bk", toSlot: "nowhere"), now: Self.now).0 == .rejected(.unknownOffer(.slot("nowhere"))))
        // p-2 is a man: a women-only slot is not his to move into.
        _ = ledger.apply(.putSlot(Self.slot("women", start: "2027-05-07T10:00:00+02:00", womenOnly: true), at: Fixture.location()), now: Self.now)
        #expect(ledger.apply(.reschedule(bookingId: "bk-taken", toSlot: "women"), now: Self.now).0 == .rejected(.notEligible([.womenOnlyOffer])))
        let inside = Fixture.instant("2027-05-03T10:00:01+02:00")
        _ = ledger.apply(.putSlot(Self.slot("later", start: "2027-05-08T10:00:00+02:00"), at: Fixture.location()), now: Self.now)
        #expect(ledger.apply(.reschedule(bookingId: "bk", toSlot: "later"), now: inside).0
            == .rejected(.noticeWindowPassed(deadline: Fixture.instant("2027-05-03T10:00:00+02:00"))))
        // A slot that starts inside its own window is not one to move into.
        _ = ledger.apply(.putSlot(Self.slot("soon", start: "2027-04-02T10:00:00+02:00"), at: Fixture.location()), now: Self.now)
        #expect(ledger.apply(.reschedule(bookingId: "bk", toSlot: "soon"), now: Self.now).0
            == .rejected(.rescheduleRefused(reason: "the new slot starts within its notice window")))
        // A booking changed since it was shown is left alone.
        #expect(ledger.apply(.reschedule(bookingId: "bk", toSlot: "later", ifSequence: 7), now: Self.now).0 == .rejected(.bookingChanged(bookingId: "bk")))
        #expect(ledger.apply(.cancel(bookingId: "bk", by: .participant, ifSequence: 7), now: Self.now).0 == .rejected(.bookingChanged(bookingId: "bk")))
        #expect(ledger.booking(id: "bk") == before)
        #expect(ledger.catalogue.freeSeats(.slot("a")) == 0)
    }
}
