import Testing
@testable import SchedulingCore

/// Reasons say, in German and English, the numbers behind a match and the needs it meets.
@Suite struct RankingReasonTests {
    func reasons(_ index: OfferIndex, _ participant: Participant, _ kind: OfferKind) -> [MatchReason.Code: MatchReason]
    {
        let match = index.rank(participant: participant, kind: kind, context: Catalogue.context, limit: 1)[0]
        return Dictionary(uniqueKeysWithValues: match.reasons.map { ($0.code, $0) })
    }

    @Test func distanceAndStartAreGivenInBothLanguagesWithTheirNumbers() {
        let index = Catalogue.index(courses: [Catalogue.course("c", at: "mid", from: "2027-04-06")])
        let reasons = reasons(index, Catalogue.participant(), .course)
        #expect(reasons[.distance]?.german == "2,3 km entfernt")
        #expect(reasons[.distance]?.english == "2.3 km away")
        #expect(reasons[.startsSoon]?.german == "beginnt in 5 Tagen")
        #expect(reasons[.startsSoon]?.english == "starts in 5 days")
    }

    @Test func timeOfDayFitNamesTheStart() {
        let index = Catalogue.index(courses: [Catalogue.course("c", times: ("18:30", "20:00"))])
        let fit = reasons(index, Catalogue.participant(availability: [.evening]), .course)[.timeOfDayFit]
        #expect(fit?.german == "beginnt um 18:30, abends – passt zu Ihren Zeiten")
        #expect(fit?.english == "starts at 18:30, in the evening – when you are free")
        #expect(reasons(index, Catalogue.participant(availability: [.morning]), .course)[.timeOfDayFit] == nil)
    }

    @Test func counsellingInTheFirstLanguageSaysSo() {
        let index = Catalogue.index(slots: [Catalogue.slot("s", languages: ["de", "tr"])])
        let reason = reasons(index, Catalogue.participant(languages: ["tr", "de"]), .slot)[.firstLanguage]
        #expect(reason?.german == "Beratung auf Türkisch, Ihrer ersten Sprache")
        #expect(reason?.english == "counselling in Turkish, your first language")
    }

    @Test func counsellingInALaterLanguageGivesItsPlace() {
        let index = Catalogue.index(slots: [Catalogue.slot("s", languages: ["de", "uk"])])
        let reasons = reasons(index, Catalogue.participant(languages: ["ar", "en", "de"]), .slot)
        #expect(reasons[.firstLanguage] == nil)
        #expect(reasons[.sharedLanguage]?.german == "Beratung auf Deutsch, Ihrer 3. Sprache")
        #expect(reasons[.sharedLanguage]?.english == "counselling in German, your 3rd language")
    }

    @Test func metNeedsAreReasons() {
        let index = Catalogue.index(courses: [Catalogue.course("c", womenOnly: true, childcare: true)])
        let reasons = reasons(
            index, Catalogue.participant(needs: Needs(womenOnly: true, childcare: true, stepFree: true)), .course)
        #expect(reasons[.childcare]?.german == "mit Kinderbetreuung")
        #expect(reasons[.stepFree]?.english == "step-free access")
        #expect(reasons[.womenOnly]?.german == "nur für Frauen")
        let plain = self.reasons(Catalogue.index(courses: [Catalogue.course("c")]), Catalogue.participant(), .course)
        #expect(plain[.childcare] == nil && plain[.stepFree] == nil && plain[.womenOnly] == nil)
    }

    @Test func nearAndSoonAreSaidInWords() {
        #expect(MatchReason.starts(inDays: 0).english == "starts today")
        #expect(MatchReason.starts(inDays: 1).german == "beginnt morgen")
        #expect(MatchReason.distance(km: 0.04).german == "0,0 km entfernt")
        #expect(MatchReason.distance(km: 12.96).english == "13.0 km away")
    }

    @Test(arguments: ["de", "en", "tr", "ar", "bg", "ro", "pl", "uk", "ru", "fa", "ku", "ckb"])
    func commonLanguagesHaveNames(code: String) {
        let names = LanguageNames.names(of: LanguageCode(code)!)
        #expect(names.german != code && names.english != code)
    }

    @Test func otherLanguagesFallBackToTheirCode() {
        let names = LanguageNames.names(of: LanguageCode("sw")!)
        #expect(names.german == "sw" && names.english == "sw")
    }
}
