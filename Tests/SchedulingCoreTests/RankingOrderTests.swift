import Testing
@testable import SchedulingCore

/// The order follows `MatchScore`: each term on its own decides between otherwise equal offers.
@Suite struct RankingOrderTests {
    @Test func nearerOfferRanksFirstAllElseEqual() {
        let index = Catalogue.index(courses: [
            Catalogue.course("a-far", at: "far"), Catalogue.course("b-mid", at: "mid"),
            Catalogue.course("c-near", at: "near"),
        ])
        #expect(Catalogue.ids(index, Catalogue.participant(), .course) == ["c-near", "b-mid", "a-far"])
    }

    @Test func soonerOfferRanksFirstAllElseEqual() {
        let index = Catalogue.index(
            courses: [Catalogue.course("a-june", from: "2027-06-07"), Catalogue.course("b-may", from: "2027-05-03")],
            slots: [
                Catalogue.slot("a-later", start: "2027-04-20T10:00:00+02:00"),
                Catalogue.slot("b-sooner", start: "2027-04-06T10:00:00+02:00"),
            ])
        #expect(Catalogue.ids(index, Catalogue.participant(), .course) == ["b-may", "a-june"])
        #expect(Catalogue.ids(index, Catalogue.participant(), .slot) == ["b-sooner", "a-later"])
    }

    @Test func slotInTheFirstLanguageRanksBeforeOneInALaterSharedLanguage() {
        let index = Catalogue.index(slots: [
            Catalogue.slot("a-german", languages: ["de"]), Catalogue.slot("b-turkish", languages: ["tr"]),
            Catalogue.slot("c-arabic", languages: ["ar"]),
        ])
        let participant = Catalogue.participant(languages: ["tr", "de", "ar"])
        #expect(Catalogue.ids(index, participant, .slot) == ["b-turkish", "a-german", "c-arabic"])
    }

    @Test func firstLanguageOutweighsASlightlyNearerLaterLanguage() {
        let index = Catalogue.index(slots: [
            Catalogue.slot("a-german-near", at: "near", languages: ["de"]),
            Catalogue.slot("b-turkish-mid", at: "mid", languages: ["tr"]),
        ])
        #expect(
            Catalogue.ids(index, Catalogue.participant(languages: ["tr", "de"]), .slot) == [
                "b-turkish-mid", "a-german-near",
            ])
    }

    @Test func offerStartingWhenTheParticipantIsFreeRanksFirst() {
        let index = Catalogue.index(courses: [
            Catalogue.course("a-morning", times: ("09:00", "12:15")),
            Catalogue.course("b-evening", times: ("18:00", "20:15")),
        ])
        #expect(
            Catalogue.ids(index, Catalogue.participant(availability: [.evening]), .course) == [
                "b-evening", "a-morning",
            ])
        #expect(
            Catalogue.ids(index, Catalogue.participant(availability: [.morning]), .course) == [
                "a-morning", "b-evening",
            ])
    }

    @Test func equalScoresAreOrderedById() {
        let index = Catalogue.index(courses: ["c-3", "c-1", "c-2"].map { Catalogue.course($0) })
        #expect(Catalogue.ids(index, Catalogue.participant(), .course) == ["c-1", "c-2", "c-3"])
    }

    @Test func scoreIsTheDocumentedFormulaWithinZeroToHundred() {
        // 2.3 km; 5 days from 1 April to 6 April; morning start, available; German, second language.
        let index = Catalogue.index(slots: [
            Catalogue.slot("s", at: "mid", start: "2027-04-06T09:30:00+02:00", languages: ["de"])
        ])
        let match = index.rank(
            participant: Catalogue.participant(availability: [.morning]), kind: .slot,
            context: Catalogue.context, limit: 1)[0]
        let distance: Double = 40.0 * 5 / (5 + 2.3)
        let start: Double = 25.0 * 14 / (14 + 5)
        let expected: Double = distance + start + 20 + 15.0 / 2
        #expect(abs(match.score - expected) < 1e-9)
        #expect(abs(match.distanceKm - 2.3) < 1e-9)
        #expect(MatchScore.score(distanceKm: 0, daysToStart: 0, fitsAvailability: true, languageRank: 0) == 100)
        #expect(
            MatchScore.score(distanceKm: 1e9, daysToStart: 1_000_000, fitsAvailability: false, languageRank: 1_000_000)
                >= 0)
    }
}
