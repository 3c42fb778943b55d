import Testing
@testable import SchedulingCore

/// Each rule separately: the case it must refuse, and the case it must let through.
@Suite struct EligibilityRuleTests {
    let context = EligibilityContext(now: Fixture.now)

    func failures(_ participant: Participant, _ offer: Offer, _ context: EligibilityContext? = nil) -> [EligibilityRule] {
        Eligibility.failures(of: participant, for: offer, in: context ?? self.context)
    }

    @Test func womenOnlyOfferTakesOnlyWomen() {
        let offer = Offer.course(Fixture.course(womenOnly: true), at: Fixture.location())
        #expect(failures(Fixture.participant(gender: .male), offer) == [.womenOnlyOffer])
        #expect(failures(Fixture.participant(gender: .diverse), offer) == [.womenOnlyOffer])
        #expect(failures(Fixture.participant(gender: .female), offer) == [])
        let slot = Offer.slot(Fixture.slot(womenOnly: true), at: Fixture.location())
        #expect(failures(Fixture.participant(gender: .male), slot) == [.womenOnlyOffer])
    }

    @Test func womenOnlyNeedIsMatchedOnlyToWomenOnlyOffers() {
        let participant = Fixture.participant(needs: Needs(womenOnly: true))
        #expect(failures(participant, .course(Fixture.course(), at: Fixture.location())) == [.womenOnlyNeed])
        #expect(failures(participant, .slot(Fixture.slot(), at: Fixture.location())) == [.womenOnlyNeed])
        #expect(failures(participant, .course(Fixture.course(womenOnly: true), at: Fixture.location())) == [])
    }

    @Test func childcareNeedNeedsACourseWithChildcare() {
        let participant = Fixture.participant(needs: Needs(childcare: true))
        #expect(failures(participant, .course(Fixture.course(), at: Fixture.location())) == [.childcare])
        #expect(failures(participant, .course(Fixture.course(childcare: true), at: Fixture.location())) == [])
        // Counselling has no childcare flag: the need does not bar a slot.
        #expect(failures(participant, .slot(Fixture.slot(), at: Fixture.location())) == [])
    }

    @Test func stepFreeNeedNeedsAStepFreeLocation() {
        let participant = Fixture.participant(needs: Needs(stepFree: true))
        #expect(failures(participant, .course(Fixture.course(), at: Fixture.location(stepFree: false))) == [.stepFree])
        #expect(failures(participant, .slot(Fixture.slot(), at: Fixture.location(stepFree: false))) == [.stepFree])
        #expect(failures(participant, .course(Fixture.course(), at: Fixture.location(stepFree: true))) == [])
    }

    @Test(arguments: [
        (Level.a1, CourseKind.general, Level.a1, true), (.a1, .general, .a2, true), (.a1, .general, .b1, false),
        (.a2, .general, .a1, false), (.none, .general, .a1, true), (.none, .literacy, .none, true),
        (.none, .literacy, .a1, true), (.a1, .literacy, .none, false), (.c1, .jobLanguage, .c2, true),
        (.c2, .jobLanguage, .c2, true), (.b1, .jobLanguage, .c1, false),
    ])
    func courseLevelIsTheParticipantsOrTheNextUp(participant: Level, kind: CourseKind, course: Level, eligible: Bool) {
        let offer = Offer.course(Fixture.course(kind: kind, level: course), at: Fixture.location())
        #expect(failures(Fixture.participant(level: participant), offer) == (eligible ? [] : [.level]))
    }

    @Test func slotNeedsASharedLanguage() {
        let slot = Offer.slot(Fixture.slot(languages: ["de", "ar"]), at: Fixture.location())
        #expect(failures(Fixture.participant(languages: ["tr", "en"]), slot) == [.sharedLanguage])
        #expect(failures(Fixture.participant(languages: ["tr", "ar"]), slot) == [])
    }

    @Test func offerMustLieInTheFuture() {
        let course = Offer.course(Fixture.course(), at: Fixture.location())
        let during = EligibilityContext(now: Fixture.instant("2027-05-03T09:30:00+02:00"))
        let justBefore = EligibilityContext(now: Fixture.instant("2027-05-03T08:59:00+02:00"))
        #expect(failures(Fixture.participant(), course, during) == [.futureOffer])
        #expect(failures(Fixture.participant(), course, justBefore) == [])
        let slot = Offer.slot(Fixture.slot(start: "2027-05-04T10:00:00+02:00"), at: Fixture.location())
        #expect(failures(Fixture.participant(), slot, EligibilityContext(now: Fixture.instant("2027-05-04T08:00:01Z"))) == [.futureOffer])
    }

    @Test func offerMustNotOverlapAConfirmedBooking() {
        let booked = Fixture.course(from: "2027-05-03", through: "2027-06-30", weekdays: [.tuesday])
        let context = EligibilityContext(now: Fixture.now, confirmed: [booked.schedule])
        let clashingSlot = Offer.slot(Fixture.slot(start: "2027-05-04T11:00:00+02:00"), at: Fixture.location())
        let afternoonSlot = Offer.slot(Fixture.slot(start: "2027-05-04T13:00:00+02:00"), at: Fixture.location())
        let wednesdaySlot = Offer.slot(Fixture.slot(start: "2027-05-05T11:00:00+02:00"), at: Fixture.location())
        #expect(failures(Fixture.participant(), clashingSlot, context) == [.noOverlap])
        #expect(failures(Fixture.participant(), afternoonSlot, context) == [])
        #expect(failures(Fixture.participant(), wednesdaySlot, context) == [])
    }

    @Test func severalBrokenRulesAreAllNamed() {
        let offer = Offer.course(Fixture.course(level: .c1, womenOnly: true), at: Fixture.location(stepFree: false))
        let participant = Fixture.participant(gender: .male, needs: Needs(childcare: true, stepFree: true))
        #expect(failures(participant, offer) == [.womenOnlyOffer, .childcare, .stepFree, .level])
        #expect(!Eligibility.isEligible(participant, for: offer, in: context))
    }
}

@Suite struct ScheduleOverlapTests {
    let monday = Fixture.date("2027-05-03")

    @Test func appointmentsOverlapOnlyOnTheSameDayAndTime() {
        let a = Schedule.once(on: monday, minutes: 600..<645)
        #expect(a.overlaps(.once(on: monday, minutes: 630..<660)))
        #expect(!a.overlaps(.once(on: monday, minutes: 645..<700)))  // back to back is fine
        #expect(!a.overlaps(.once(on: monday.adding(days: 1), minutes: 600..<645)))
    }

    @Test func coursesOverlapWhenTheyShareAWeekdayInTheirCommonDates() {
        let mondays = Schedule.weekly(from: monday, through: monday.adding(days: 60), on: WeekdaySet([.monday]), minutes: 540..<720)
        let fridays = Schedule.weekly(from: monday, through: monday.adding(days: 60), on: WeekdaySet([.friday]), minutes: 540..<720)
        let laterMondays = Schedule.weekly(from: monday.adding(days: 61), through: monday.adding(days: 90), on: WeekdaySet([.monday]), minutes: 540..<720)
        let shortWindow = Schedule.weekly(from: monday.adding(days: 1), through: monday.adding(days: 3), on: WeekdaySet([.monday, .tuesday]), minutes: 600..<660)
        #expect(!mondays.overlaps(fridays))
        #expect(!mondays.overlaps(laterMondays))
        // Shares Monday as a weekday, but its three days hold no Monday; Tuesday is not in `mondays`.
        #expect(!mondays.overlaps(shortWindow))
        #expect(mondays.overlaps(.weekly(from: monday.adding(days: 7), through: monday.adding(days: 7), on: WeekdaySet([.monday]), minutes: 700..<800)))
        #expect(mondays.overlaps(.once(on: monday.adding(days: 14), minutes: 700..<730)))
        #expect(!mondays.overlaps(.once(on: monday.adding(days: 15), minutes: 700..<730)))
    }
}
