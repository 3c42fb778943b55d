import Testing
@testable import SchedulingCore

/// The index against the plain definition on random catalogues: exactly the offers
/// `Eligibility.failures` accepts, in the order `MatchScore` gives them.
@Suite struct RankingCrossCheckTests {
    /// A few codes (bits never run out) and more than 63 (the shared overflow bit is exercised).
    static let fewLanguages = ["de", "tr", "ar", "uk", "ru", "fa", "ckb"]
    static let manyLanguages = Array(LanguageCode.iso639_1.sorted().prefix(90))

    typealias Listed = (ref: OfferRef, score: Double)

    @Test(arguments: [1, 2, 3] as [UInt64])
    func indexListsExactlyTheEligibleOffersInScoreOrder(seed: UInt64) {
        var random = RandomCatalogue(seed: seed, languages: seed == 2 ? Self.manyLanguages : Self.fewLanguages)
        let locations = (0..<25).map { random.location($0) }
        let courses = (0..<200).map { random.course($0, locations) }
        let slots = (0..<300).map { random.slot($0, locations) }
        let index = OfferIndex(courses: courses, slots: slots, locations: locations)
        let offers: [(OfferKind, OfferRef, Offer)] =
            courses.map { c in (.course, .course(c.id), .course(c, at: locations.first { $0.id == c.locationId }!)) }
            + slots.map { s in (.slot, .slot(s.id), .slot(s, at: locations.first { $0.id == s.locationId }!)) }
        var listed = 0
        for n in 0..<60 {
            let participant = random.participant(n)
            let confirmed = (0..<random.int(3)).map { _ in
                offers[random.int(offers.count)].2.schedule(in: .europeBerlin)
            }
            let context = EligibilityContext(now: random.now(), confirmed: confirmed)
            for kind in OfferKind.allCases {
                let expected = Self.expected(participant, offers.filter { $0.0 == kind }, context)
                let ranked = index.rank(participant: participant, kind: kind, context: context, limit: 1_000)
                #expect(ranked.map(\.offer) == expected.map { $0.ref })
                #expect(ranked.map(\.score) == expected.map { $0.score })
                #expect(ranked.allSatisfy { (0...100).contains($0.score) })
                // The scan alone, before confirmation, must agree too: confirmation is a safety net.
                let query = OfferIndex.Query(participant, kind: kind, context: context, bits: index.languageBits)
                let scanned = index.candidates(
                    kind: kind, query: query, distances: index.distances(from: participant.coordinate, for: kind),
                    confirmed: confirmed, limit: 1_000)
                #expect(scanned.count == expected.count)
                let top = index.rank(participant: participant, kind: kind, context: context, limit: 5)
                #expect(top == Array(ranked.prefix(5)))
                listed += ranked.count
            }
        }
        #expect(listed > 500)
    }

    @Test func takenSlotsDropOutAndFullCoursesStayOnRandomCatalogues() {
        var random = RandomCatalogue(seed: 9, languages: Self.fewLanguages)
        let locations = (0..<10).map { random.location($0) }
        let index = OfferIndex(
            courses: (0..<150).map { random.course($0, locations) },
            slots: (0..<200).map { random.slot($0, locations) },
            locations: locations)
        let seats: (OfferRef) -> Int = { $0.id.hasSuffix("3") ? 0 : 2 }
        for n in 0..<20 {
            let participant = random.participant(n)
            let context = EligibilityContext(now: random.now())
            let all = index.rank(participant: participant, kind: .slot, context: context, limit: 1_000)
            let open = index.rank(
                participant: participant, kind: .slot, context: context, limit: 1_000, freeSeats: seats)
            #expect(open == all.filter { !$0.offer.id.hasSuffix("3") })
            let courses = index.rank(
                participant: participant, kind: .course, context: context, limit: 1_000, freeSeats: seats)
            #expect(courses.allSatisfy { $0.full == $0.offer.id.hasSuffix("3") })
        }
    }

    /// The plain definition: every offer `Eligibility` accepts, by score, then id.
    static func expected(
        _ participant: Participant, _ offers: [(OfferKind, OfferRef, Offer)], _ context: EligibilityContext
    ) -> [Listed] {
        var listed: [Listed] = []
        for (_, ref, offer) in offers where Eligibility.failures(of: participant, for: offer, in: context).isEmpty {
            listed.append((ref, score(participant, offer, context)))
        }
        return listed.sorted { (a: Listed, b: Listed) -> Bool in
            a.score > b.score || (a.score == b.score && a.ref.id < b.ref.id)
        }
    }

    /// `MatchScore` straight from the domain values, without the index.
    static func score(_ participant: Participant, _ offer: Offer, _ context: EligibilityContext) -> Double {
        let start = offer.start(in: context.zone)
        let rank: Int
        if case .slot(let slot, _) = offer {
            rank = MatchScore.languageRank(of: participant.languages, in: slot.languages)!
        } else {
            rank = 0
        }
        return MatchScore.score(
            distanceKm: participant.coordinate.distanceKm(to: offer.location.coordinate),
            daysToStart: context.now.date.days(to: start.date),
            fitsAvailability: MatchScore.fits(DayPart(startingAt: start.minutes), participant.availability),
            languageRank: rank)
    }
}

/// Random offers and people around Duisburg in spring 2027, across the summer-time switch,
/// dense enough in time that the future and overlap rules both bite.
struct RandomCatalogue {
    var random: SplitMix64
    let languages: [String]

    init(seed: UInt64, languages: [String]) {
        random = SplitMix64(seed: seed)
        self.languages = languages
    }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func coordinate() -> Coordinate {
        Coordinate(latitude: 51.36 + Double(int(20_000)) / 100_000, longitude: 6.64 + Double(int(24_000)) / 100_000)
    }

    mutating func languageList(_ count: Int) -> [LanguageCode] {
        (0..<count).map { _ in LanguageCode(languages[int(languages.count)])! }
    }

    /// Between 20 March and 20 April 2027, in quarter hours.
    mutating func localStart() -> (LocalDate, Int) {
        (Fixture.date("2027-03-20").adding(days: int(31)), 7 * 60 + 15 * int(56))
    }

    mutating func now() -> Timestamp {
        let (date, minutes) = localStart()
        return CivilZone.europeBerlin.instant(LocalDateTime(date: date, minutes: minutes))
    }

    mutating func location(_ n: Int) -> Location {
        Location(
            id: "loc-\(n)", ownerId: "org", name: "Ort", address: "Duisburg", district: "Mitte",
            coordinate: coordinate(), stepFree: chance(60))
    }

    mutating func course(_ n: Int, _ places: [Location]) -> Course {
        let (date, minutes) = localStart()
        return Course(
            id: "course-\(int(100_000))-\(n)", providerId: "prov", title: "Kurs",
            kind: chance(20) ? .literacy : .general, level: Level.allCases[int(Level.allCases.count)],
            locationId: places[int(places.count)].id, capacity: 10, womenOnly: chance(20), childcare: chance(30),
            startDate: date, endDate: date.adding(days: int(40)), weekdays: WeekdaySet(rawValue: UInt8(1 + int(127))),
            startTime: TimeOfDay(minutes: minutes)!, endTime: TimeOfDay(minutes: minutes + 30 + 15 * int(12))!)
    }

    mutating func slot(_ n: Int, _ places: [Location]) -> Slot {
        let (date, minutes) = localStart()
        return Slot(
            id: "slot-\(int(100_000))-\(n)", centreId: "centre", locationId: places[int(places.count)].id,
            start: CivilZone.europeBerlin.instant(LocalDateTime(date: date, minutes: minutes)),
            durationMinutes: 30 + 15 * int(4), service: .mbe, languages: languageList(1 + int(3)),
            womenOnly: chance(20), counsellor: "Beratung")
    }

    mutating func participant(_ n: Int) -> Participant {
        let female = chance(60)
        let spoken = languageList(1 + int(3))
        return Participant(
            id: "p-\(n)", centreId: "centre", name: "Person", email: "p@example.org", preferredLanguage: spoken[0],
            languages: spoken, gender: female ? .female : [.male, .diverse, .unspecified][int(3)], district: "Mitte",
            coordinate: coordinate(), level: Level.allCases[int(Level.allCases.count)],
            needs: Needs(womenOnly: chance(15), childcare: chance(25), stepFree: chance(25)),
            availability: Set(DayPart.allCases.filter { _ in chance(50) }),
            registeredAt: Timestamp(secondsSinceEpoch: 0))
    }
}
