import Testing
@testable import SchedulingCore

/// Each hard rule keeps out of the matches exactly what it refuses at booking.
@Suite struct RankingEligibilityTests {
    @Test func womenOnlyOffersAreListedForWomenAndNotForMen() {
        let index = Catalogue.index(
            courses: [Catalogue.course("c-mixed"), Catalogue.course("c-women", womenOnly: true)],
            slots: [Catalogue.slot("s-mixed"), Catalogue.slot("s-women", womenOnly: true)])
        #expect(Catalogue.ids(index, Catalogue.participant(gender: .male), .course) == ["c-mixed"])
        #expect(Catalogue.ids(index, Catalogue.participant(gender: .diverse), .slot) == ["s-mixed"])
        #expect(Set(Catalogue.ids(index, Catalogue.participant(gender: .female), .course)) == ["c-mixed", "c-women"])
    }

    @Test func participantWhoAsksForWomenOnlyIsListedOnlyWomenOnlyOffers() {
        let index = Catalogue.index(
            courses: [Catalogue.course("c-mixed"), Catalogue.course("c-women", womenOnly: true)],
            slots: [Catalogue.slot("s-mixed"), Catalogue.slot("s-women", womenOnly: true)])
        let participant = Catalogue.participant(needs: Needs(womenOnly: true))
        #expect(Catalogue.ids(index, participant, .course) == ["c-women"])
        #expect(Catalogue.ids(index, participant, .slot) == ["s-women"])
    }

    @Test func childcareNeedListsOnlyCoursesWithChildcareButAnySlot() {
        let index = Catalogue.index(
            courses: [Catalogue.course("c-plain"), Catalogue.course("c-kids", childcare: true)],
            slots: [Catalogue.slot("s-1")])
        let participant = Catalogue.participant(needs: Needs(childcare: true))
        #expect(Catalogue.ids(index, participant, .course) == ["c-kids"])
        #expect(Catalogue.ids(index, participant, .slot) == ["s-1"])
    }

    @Test func stepFreeNeedListsOnlyOffersAtStepFreeLocations() {
        let index = Catalogue.index(
            courses: [Catalogue.course("c-steps", at: "stairs"), Catalogue.course("c-level", at: "near")],
            slots: [Catalogue.slot("s-steps", at: "stairs"), Catalogue.slot("s-level", at: "near")])
        let participant = Catalogue.participant(needs: Needs(stepFree: true))
        #expect(Catalogue.ids(index, participant, .course) == ["c-level"])
        #expect(Catalogue.ids(index, participant, .slot) == ["s-level"])
        #expect(Catalogue.ids(index, Catalogue.participant(), .course).count == 2)
    }

    @Test(arguments: [
        (Level.a1, ["c-A1", "c-A2", "c-lit-A1"]), (.none, ["c-A1", "c-lit-A1", "c-lit-B1", "c-lit-none", "c-none"]),
        (.b2, ["c-C1"]), (.c2, []),
    ])
    func courseLevelIsTheParticipantsOrTheNextUpAndLiteracyTakesNone(level: Level, expected: [String]) {
        let courses =
            [Level.none, .a1, .a2, .b1, .c1].map { Catalogue.course("c-\($0.rawValue)", level: $0) }
            + [Level.none, .a1, .b1].map { Catalogue.course("c-lit-\($0.rawValue)", kind: .literacy, level: $0) }
        let index = Catalogue.index(courses: courses)
        #expect(Catalogue.ids(index, Catalogue.participant(level: level), .course).sorted() == expected)
    }

    @Test func slotsWithoutALanguageInCommonAreNotListed() {
        let index = Catalogue.index(slots: [
            Catalogue.slot("s-de-ar", languages: ["de", "ar"]), Catalogue.slot("s-uk", languages: ["uk", "ru"]),
        ])
        #expect(Catalogue.ids(index, Catalogue.participant(languages: ["ar"]), .slot) == ["s-de-ar"])
        #expect(Catalogue.ids(index, Catalogue.participant(languages: ["tr", "en"]), .slot) == [])
        #expect(
            Set(Catalogue.ids(index, Catalogue.participant(languages: ["ru", "de"]), .slot)) == ["s-de-ar", "s-uk"])
    }

    @Test func offersThatHaveBegunOrBeginNowAreNotListed() {
        // Now is 2027-04-01 12:00 in Duisburg.
        let index = Catalogue.index(
            courses: [
                Catalogue.course("c-past", from: "2027-03-29"),
                Catalogue.course("c-now", from: "2027-04-01", times: ("12:00", "14:00")),
                Catalogue.course("c-later-today", from: "2027-04-01", times: ("12:01", "14:00")),
            ],
            slots: [
                Catalogue.slot("s-past", start: "2027-04-01T11:59:00+02:00"),
                Catalogue.slot("s-now", start: "2027-04-01T12:00:00+02:00"),
                Catalogue.slot("s-next", start: "2027-04-01T12:01:00+02:00"),
            ])
        #expect(Catalogue.ids(index, Catalogue.participant(), .course) == ["c-later-today"])
        #expect(Catalogue.ids(index, Catalogue.participant(), .slot) == ["s-next"])
    }

    @Test func offersOverlappingAConfirmedBookingAreNotListed() {
        // Confirmed: a morning course Monday to Friday, 3 to 14 May.
        let confirmed = Catalogue.course("booked", from: "2027-05-03", through: "2027-05-14").schedule
        let index = Catalogue.index(
            courses: [
                Catalogue.course("c-same-time", from: "2027-05-10", through: "2027-06-10"),
                Catalogue.course("c-evening", from: "2027-05-10", through: "2027-06-10", times: ("18:00", "20:00")),
                Catalogue.course("c-after", from: "2027-05-17", through: "2027-06-10"),
            ],
            slots: [
                Catalogue.slot("s-clash", start: "2027-05-04T10:00:00+02:00"),
                Catalogue.slot("s-weekend", start: "2027-05-08T10:00:00+02:00"),
                Catalogue.slot("s-afternoon", start: "2027-05-04T13:00:00+02:00"),
            ])
        let context = EligibilityContext(now: Fixture.now, confirmed: [confirmed])
        #expect(Set(Catalogue.ids(index, Catalogue.participant(), .course, context)) == ["c-evening", "c-after"])
        #expect(Set(Catalogue.ids(index, Catalogue.participant(), .slot, context)) == ["s-weekend", "s-afternoon"])
    }

    @Test func takenSlotsAreNotListedButFullCoursesAreMarkedFull() {
        let index = Catalogue.index(
            courses: [Catalogue.course("c-free"), Catalogue.course("c-full")],
            slots: [Catalogue.slot("s-open"), Catalogue.slot("s-taken")])
        let seats: (OfferRef) -> Int = { ["c-full", "s-taken"].contains($0.id) ? 0 : 3 }
        let courses = index.rank(
            participant: Catalogue.participant(), kind: .course, context: Catalogue.context, limit: 10, freeSeats: seats
        )
        #expect(
            Dictionary(uniqueKeysWithValues: courses.map { ($0.offer.id, $0.full) }) == [
                "c-free": false, "c-full": true,
            ])
        let slots = index.rank(
            participant: Catalogue.participant(), kind: .slot, context: Catalogue.context, limit: 10, freeSeats: seats)
        #expect(slots.map(\.offer) == [.slot("s-open")])
    }

    @Test func limitCapsTheListAndZeroListsNothing() {
        let index = Catalogue.index(courses: (0..<30).map { Catalogue.course("c-\($0)") })
        #expect(Catalogue.ids(index, Catalogue.participant(), .course, limit: 7).count == 7)
        #expect(Catalogue.ids(index, Catalogue.participant(), .course, limit: 0).isEmpty)
    }
}

/// A small catalogue around Duisburg's centre; the participant lives at `Catalogue.home`.
enum Catalogue {
    static let home = Coordinate(latitude: 51.4344, longitude: 6.7623)
    /// Kilometres per degree of latitude on the sphere `Coordinate.distanceKm` uses.
    static let kmPerDegree = 6371.0088 * Double.pi / 180
    static let context = EligibilityContext(now: Fixture.now)

    /// Due north of home, so the distance is exactly `km`.
    static func location(_ id: String, km: Double, stepFree: Bool = true) -> Location {
        Location(
            id: id, ownerId: "org-1", name: id, address: "\(id) 1, Duisburg", district: "Mitte",
            coordinate: Coordinate(latitude: home.latitude + km / kmPerDegree, longitude: home.longitude),
            stepFree: stepFree)
    }

    static let locations = [
        location("near", km: 1), location("stairs", km: 1, stepFree: false), location("mid", km: 2.3),
        location("far", km: 8),
    ]

    static func course(
        _ id: String, at place: String = "near", kind: CourseKind = .general, level: Level = .a1,
        womenOnly: Bool = false,
        childcare: Bool = false, from start: String = "2027-05-03", through end: String = "2027-07-30",
        weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday],
        times: (String, String) = ("09:00", "12:15")
    ) -> Course {
        Course(
            id: id, providerId: "prov-1", title: id, kind: kind, level: level, locationId: place, capacity: 16,
            womenOnly: womenOnly, childcare: childcare, startDate: Fixture.date(start), endDate: Fixture.date(end),
            weekdays: WeekdaySet(weekdays), startTime: Fixture.time(times.0), endTime: Fixture.time(times.1))
    }

    static func slot(
        _ id: String, at place: String = "near", start: String = "2027-05-04T10:00:00+02:00", minutes: Int = 45,
        languages: [String] = ["de", "tr"], womenOnly: Bool = false
    ) -> Slot {
        Slot(
            id: id, centreId: "centre-1", locationId: place, start: Fixture.instant(start), durationMinutes: minutes,
            service: .mbe, languages: languages.map { LanguageCode($0)! }, womenOnly: womenOnly, counsellor: "Beratung")
    }

    static func participant(
        gender: Gender = .female, level: Level = .a1, languages: [String] = ["tr", "de"], needs: Needs = Needs(),
        availability: Set<DayPart> = Set(DayPart.allCases)
    ) -> Participant {
        Participant(
            id: "p-1", centreId: "centre-1", name: "Elif Yılmaz", email: "elif@example.org",
            preferredLanguage: LanguageCode(languages[0])!, languages: languages.map { LanguageCode($0)! },
            gender: gender,
            district: "Mitte", coordinate: home, level: level, needs: needs, availability: availability,
            registeredAt: Fixture.instant("2026-10-01T10:00:00+02:00"))
    }

    static func index(courses: [Course] = [], slots: [Slot] = []) -> OfferIndex {
        OfferIndex(courses: courses, slots: slots, locations: locations)
    }

    static func ids(
        _ index: OfferIndex, _ participant: Participant, _ kind: OfferKind, _ context: EligibilityContext = context,
        limit: Int = 100
    ) -> [String] {
        index.rank(participant: participant, kind: kind, context: context, limit: limit).map(\.offer.id)
    }
}
