import ArgumentParser
import Foundation
import SchedulingCore

/// `wegweiser bench matches`: ranks every participant of a synthetic, Duisburg-sized catalogue
/// and prints `{"p50Ms", "p99Ms", "participants", "courses", "slots"}`; one participant's time
/// covers ranking courses and slots (limit 10 each). Building the index is not timed: it happens
/// once per catalogue change, not per request.
struct BenchMatches: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matches", abstract: "Time ranking matches for many participants against a synthetic catalogue.")

    @Option(help: "Courses in the synthetic catalogue.") var courses = 10_000
    @Option(help: "Counselling slots in the synthetic catalogue.") var slots = 50_000
    @Option(help: "Participants to rank.") var participants = 1_000

    func validate() throws {
        guard courses >= 0, slots >= 0, participants > 0 else {
            throw ValidationError("counts must not be negative, and at least one participant is needed")
        }
    }

    func run() throws {
        var catalogue = SyntheticCity(seed: 0x5745_4757_4549_5345)
        let now = Timestamp(rfc3339: "2027-03-01T08:00:00+01:00")!
        let locations = catalogue.locations(count: 320)
        let courseList = catalogue.courses(count: courses, at: locations, after: now)
        let slotList = catalogue.slots(count: slots, at: locations, after: now)
        let people = catalogue.participants(count: participants)
        let index = OfferIndex(courses: courseList, slots: slotList, locations: locations)
        let full = Set(courseList.lazy.filter { $0.capacity % 5 == 0 }.map(\.id))
        let taken = Set(slotList.lazy.filter { $0.durationMinutes == 60 }.map(\.id))
        let seats: (OfferRef) -> Int = { ref in
            switch ref {
            case .course(let id): full.contains(id) ? 0 : 1
            case .slot(let id): taken.contains(id) ? 0 : 1
            }
        }
        let clock = ContinuousClock()
        var millis: [Double] = []
        millis.reserveCapacity(people.count)
        var listed = 0
        for (n, person) in people.enumerated() {
            // Every third participant already has a confirmed course, so the overlap rule is exercised.
            let confirmed = n % 3 == 0 && !courseList.isEmpty ? [courseList[n % courseList.count].schedule] : []
            let context = EligibilityContext(now: now, confirmed: confirmed)
            let start = clock.now
            let courseMatches = index.rank(
                participant: person, kind: .course, context: context, limit: 10, freeSeats: seats)
            let slotMatches = index.rank(
                participant: person, kind: .slot, context: context, limit: 10, freeSeats: seats)
            let elapsed = start.duration(to: clock.now)
            listed += courseMatches.count + slotMatches.count
            millis.append(elapsed.milliseconds)
        }
        millis.sort()
        let p50 = millis[(millis.count - 1) / 2]
        let p99 = millis[min(millis.count - 1, Int((Double(millis.count) * 0.99).rounded(.up)) - 1)]
        // Keeps the ranking from being optimised away, and shows the catalogue is not degenerate.
        FileHandle.standardError.write(Data("matches listed: \(listed)\n".utf8))
        print(
            "{\"p50Ms\": \(String(format: "%.3f", p50)), \"p99Ms\": \(String(format: "%.3f", p99)), "
                + "\"participants\": \(people.count), \"courses\": \(courseList.count), \"slots\": \(slotList.count)}")
    }
}

/// A deterministic Duisburg-like city: places spread over the districts, courses over the next
/// half year, slots over the next two months, participants speaking the city's migrant languages.
private struct SyntheticCity {
    var rng: SplitMix64
    let districts = [
        "Mitte", "Hochfeld", "Marxloh", "Hamborn", "Meiderich", "Rheinhausen", "Homberg", "Walsum",
        "Neudorf", "Wanheimerort", "Hochheide", "Beeck", "Ruhrort", "Buchholz", "Duissern",
    ]
    let languages = ["tr", "ar", "bg", "ro", "pl", "uk", "ru", "fa", "ku", "ckb", "en", "sq", "prs", "ti"]

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func locations(count: Int) -> [Location] {
        (0..<count).map { n in
            Location(
                id: "loc-\(n)", ownerId: "org-\(n % 40)", name: "Ort \(n)", address: "Straße \(n), Duisburg",
                district: districts[n % districts.count],
                coordinate: Coordinate(latitude: 51.43 + double(-0.09...0.10), longitude: 6.76 + double(-0.12...0.08)),
                stepFree: chance(0.6))
        }
    }

    mutating func courses(count: Int, at places: [Location], after now: Timestamp) -> [Course] {
        let today = CivilZone.europeBerlin.local(now).date
        let times = [(510, 705), (540, 735), (780, 975), (840, 1035), (1050, 1245), (1080, 1260)]
        return (0..<count).map { n in
            let kind = CourseKind.allCases[int(CourseKind.allCases.count)]
            let start = today.adding(days: int(200) - 10)
            let (from, to) = times[int(times.count)]
            let days =
                chance(0.5)
                ? [Weekday.monday, .tuesday, .wednesday, .thursday, .friday]
                : [Weekday.allCases[int(5)], Weekday.allCases[int(5)]]
            return Course(
                id: "course-\(n)", providerId: "org-\(n % 40)", title: "Kurs \(n)", kind: kind,
                level: Level.allCases[int(Level.allCases.count)], locationId: places[int(places.count)].id,
                capacity: 12 + int(14), womenOnly: kind == .women || chance(0.05), childcare: chance(0.25),
                startDate: start, endDate: start.adding(days: 60 + int(120)), weekdays: WeekdaySet(days),
                startTime: TimeOfDay(minutes: from)!, endTime: TimeOfDay(minutes: to)!)
        }
    }

    mutating func slots(count: Int, at places: [Location], after now: Timestamp) -> [Slot] {
        (0..<count).map { n in
            let start = now.adding(seconds: Int64(int(60) - 2) * 86_400 + Int64(int(20)) * 1_800)
            var spoken = ["de"]
            for _ in 0..<int(3) { spoken.append(languages[int(languages.count)]) }
            return Slot(
                id: "slot-\(n)", centreId: "centre-\(n % 12)", locationId: places[int(places.count)].id,
                start: start, durationMinutes: [30, 45, 60][int(3)], service: ServiceKind.allCases[int(4)],
                languages: spoken.compactMap { LanguageCode($0) }, womenOnly: chance(0.1),
                counsellor: "Beratung \(n % 90)")
        }
    }

    mutating func participants(count: Int) -> [Participant] {
        (0..<count).map { n in
            var spoken = [languages[int(languages.count)]]
            if chance(0.3) { spoken.append(languages[int(languages.count)]) }
            if chance(0.5) { spoken.append("de") }
            let female = chance(0.55)
            let parts = DayPart.allCases.filter { _ in chance(0.6) }
            return Participant(
                id: "p-\(n)", centreId: "centre-\(n % 12)", name: "Person \(n)", email: "p\(n)@example.org",
                preferredLanguage: LanguageCode(spoken[0])!, languages: spoken.compactMap { LanguageCode($0) },
                gender: female ? .female : .male, district: districts[int(districts.count)],
                coordinate: Coordinate(latitude: 51.43 + double(-0.09...0.10), longitude: 6.76 + double(-0.12...0.08)),
                level: Level.allCases[int(4)],
                needs: Needs(womenOnly: female && chance(0.1), childcare: chance(0.15), stepFree: chance(0.08)),
                availability: Set(parts), registeredAt: Timestamp(secondsSinceEpoch: 1_780_000_000 + Int64(n)))
        }
    }

    private mutating func int(_ bound: Int) -> Int { Int(rng.next() % UInt64(bound)) }
    private mutating func chance(_ p: Double) -> Bool { double(0...1) < p }
    private mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(rng.next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }
}
