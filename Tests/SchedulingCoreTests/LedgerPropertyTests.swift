import Testing
@testable import SchedulingCore

/// A deliberately naive model of booking: a flat list scanned on every question.
struct NaiveBookings {
    struct Entry { let id: String; let participant: String; let offer: OfferRef; var status: BookingStatus }
    var entries: [Entry] = []
    var capacity: [String: Int]
    var erased: Set<String> = []
    var replies: [String: (request: String, outcome: String)] = [:]

    func confirmed(_ course: String) -> Int {
        entries.filter { $0.offer == .course(course) && $0.status == .confirmed }.count
    }

    func waiting(_ course: String) -> [Entry] {
        entries.filter { $0.offer == .course(course) && $0.status == .waitlisted }
    }

    mutating func promote(_ course: String) {
        while confirmed(course) < capacity[course]!, let first = waiting(course).first {
            let index = entries.firstIndex { $0.id == first.id }!
            entries[index].status = .confirmed
        }
    }

    /// "confirmed", "waitlisted:N", "cancelled" or "rejected".
    mutating func book(id: String, participant: String, offer: OfferRef, key: String?) -> String {
        let request = "\(participant)|\(offer)"
        if let key, let reply = replies[key] { return reply.request == request ? reply.outcome : "rejected" }
        let outcome = decide(id: id, participant: participant, offer: offer)
        // A refusal is not remembered: the same key may ask again.
        if let key, outcome != "rejected" { replies[key] = (request, outcome) }
        return outcome
    }

    private mutating func decide(id: String, participant: String, offer: OfferRef) -> String {
        if erased.contains(participant) { return "rejected" }
        if entries.contains(where: { $0.participant == participant && $0.offer == offer && $0.status != .cancelled }) { return "rejected" }
        switch offer {
        case .slot:
            if entries.contains(where: { $0.offer == offer && $0.status != .cancelled }) { return "rejected" }
            entries.append(Entry(id: id, participant: participant, offer: offer, status: .confirmed))
            return "confirmed"
        case .course(let course):
            if confirmed(course) < capacity[course]! {
                entries.append(Entry(id: id, participant: participant, offer: offer, status: .confirmed))
                return "confirmed"
            }
            entries.append(Entry(id: id, participant: participant, offer: offer, status: .waitlisted))
            return "waitlisted:\(waiting(course).count)"
        }
    }

    mutating func cancel(id: String) -> String {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { return "rejected" }
        if entries[index].status == .cancelled { return "cancelled" }
        entries[index].status = .cancelled
        if case .course(let course) = entries[index].offer { promote(course) }
        return "cancelled"
    }

    mutating func changeCapacity(_ course: String, to value: Int) -> String {
        guard value >= confirmed(course) else { return "rejected" }
        capacity[course] = value
        promote(course)
        return "changed"
    }

    mutating func erase(_ participant: String) -> String {
        guard !erased.contains(participant) else { return "rejected" }
        for entry in entries where entry.participant == participant && entry.status != .cancelled {
            _ = cancel(id: entry.id)
        }
        erased.insert(participant)
        // Nothing of them stays, the answers to their requests included.
        replies = replies.filter { !$0.value.request.hasPrefix(participant + "|") }
        return "erased"
    }
}

@Suite struct LedgerPropertyTests {
    static let courseIds = ["c0", "c1", "c2"]
    static let slotIds = ["s0", "s1"]
    static let participantIds = (0..<8).map { "p\($0)" }
    static let now = Fixture.instant("2027-01-01T10:00:00+01:00")

    /// Offers on separate days so that nobody is ever ineligible: the model checks seats, not rules.
    static func ledger(capacities: [Int]) -> Ledger {
        var ledger = Ledger()
        for (index, id) in courseIds.enumerated() {
            let day = Fixture.date("2027-02-01").adding(days: index)
            var course = Fixture.course(from: day.description, through: day.description, weekdays: Weekday.allCases)
            course = Course(id: id, providerId: "prov", title: id, kind: .general, level: .a1, locationId: "loc-1",
                            capacity: capacities[index], womenOnly: false, childcare: false, startDate: day, endDate: day,
                            weekdays: course.weekdays, startTime: course.startTime, endTime: course.endTime)
            _ = ledger.apply(.putCourse(course, at: Fixture.location()), now: now)
        }
        for (index, id) in slotIds.enumerated() {
            let slot = Slot(id: id, centreId: "centre", locationId: "loc-1",
                            start: Fixture.instant("2027-03-0\(index + 1)T10:00:00+01:00"), durationMinutes: 45,
                            service: .mbe, languages: [.german], womenOnly: false, counsellor: "")
            _ = ledger.apply(.putSlot(slot, at: Fixture.location()), now: now)
        }
        for id in participantIds {
            let p = Fixture.participant(level: .a1, languages: ["de"])
            _ = ledger.apply(.putParticipant(Participant(
                id: id, centreId: p.centreId, name: p.name, email: p.email, preferredLanguage: p.preferredLanguage,
                languages: p.languages, gender: p.gender, district: p.district, coordinate: p.coordinate, level: p.level,
                needs: p.needs, availability: p.availability, registeredAt: p.registeredAt)), now: now)
        }
        return ledger
    }

    static func summary(_ decision: LedgerDecision) -> String {
        switch decision {
        case .booking(let booking, let position):
            booking.status == .waitlisted ? "waitlisted:\(position!)" : booking.status.rawValue
        case .capacityChanged, .courseChanged: "changed"
        case .erased: "erased"
        case .courseWithdrawn: "withdrawn"
        case .rejected: "rejected"
        case .allocated, .allocation, .stored: "other"
        }
    }

    @Test(arguments: 0..<60)
    func ledgerAgreesWithTheNaiveModelAndKeepsItsInvariants(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let capacities = Self.courseIds.map { _ in Int.random(in: 1...3, using: &random) }
        var ledger = Self.ledger(capacities: capacities)
        var model = NaiveBookings(capacity: Dictionary(uniqueKeysWithValues: zip(Self.courseIds, capacities)))
        var made: [String] = []
        for step in 0..<250 {
            let roll = Int.random(in: 0..<100, using: &random)
            let expected: String, actual: String
            if roll < 55 {
                let id = "b\(step)"
                let participant = Self.participantIds.randomElement(using: &random)!
                let offer: OfferRef = Bool.random(using: &random)
                    ? .course(Self.courseIds.randomElement(using: &random)!) : .slot(Self.slotIds.randomElement(using: &random)!)
                let key = roll < 15 ? "k\(Int.random(in: 0..<6, using: &random))" : nil
                expected = model.book(id: id, participant: participant, offer: offer, key: key)
                actual = Self.summary(ledger.apply(.book(BookingRequest(
                    bookingId: id, participantId: participant, offer: offer,
                    idempotencyKey: key.map { IdempotencyKey(organisationId: "centre", key: $0) })), now: Self.now).0)
                if !actual.hasPrefix("rejected") && ledger.booking(id: id) != nil { made.append(id) }
            } else if roll < 80 {
                let id = made.randomElement(using: &random) ?? "none"
                expected = model.cancel(id: id)
                actual = Self.summary(ledger.apply(.cancel(bookingId: id, by: .centre), now: Self.now).0)
            } else if roll < 95 {
                let course = Self.courseIds.randomElement(using: &random)!
                let value = Int.random(in: 1...4, using: &random)
                expected = model.changeCapacity(course, to: value)
                // Half the capacity changes come as whole course changes, which follow the same rule.
                let command: LedgerCommand = step.isMultiple(of: 2)
                    ? .changeCapacity(courseId: course, capacity: value)
                    : .changeCourse(try CoursePatch(title: "Kurs \(step)", capacity: value).validated(courseId: course))
                actual = Self.summary(ledger.apply(command, now: Self.now).0)
            } else {
                let participant = Self.participantIds.randomElement(using: &random)!
                expected = model.erase(participant)
                actual = Self.summary(ledger.apply(.eraseParticipant(participantId: participant), now: Self.now).0)
            }
            #expect(actual == expected, "seed \(seed) step \(step)")
            for entry in model.entries {
                #expect(ledger.booking(id: entry.id)?.status == entry.status, "seed \(seed) step \(step) booking \(entry.id)")
            }
            checkInvariants(ledger, seed: seed, step: step)
            if actual != expected { return }
        }
    }

    func checkInvariants(_ ledger: Ledger, seed: Int, step: Int) {
        let active = ledger.allBookings.filter(\.isActive)
        for course in Self.courseIds {
            let (confirmed, capacity, waitlisted) = ledger.occupancy(courseId: course)!
            #expect(confirmed <= capacity, "seed \(seed) step \(step): \(course) overbooked")
            #expect(confirmed == active.filter { $0.offer == .course(course) && $0.status == .confirmed }.count)
            let positions = ledger.waitlist(courseId: course).compactMap { ledger.waitlistPosition(bookingId: $0) }
            #expect(positions == Array(1...max(1, waitlisted)).prefix(waitlisted).map { $0 })
            // Nobody waits while a seat is free.
            #expect(waitlisted == 0 || confirmed == capacity)
        }
        for slot in Self.slotIds {
            #expect(active.filter { $0.offer == .slot(slot) }.count <= 1)
        }
        var pairs = Set<String>()
        for booking in active {
            #expect(pairs.insert("\(booking.participantId)|\(booking.offer)").inserted, "seed \(seed) step \(step): double booking")
        }
    }
}
