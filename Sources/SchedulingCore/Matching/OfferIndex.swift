/// The whole catalogue, laid out once for ranking: per kind, flat arrays of the facts the hard
/// rules and the score read, ordered by local start so offers that have begun are skipped with one
/// binary search. Ranking a participant then touches no strings and allocates almost nothing.
///
/// Distances are computed per location (a city has hundreds of places, not tens of thousands),
/// once per ranking, with the domain's own `Coordinate.distanceKm(to:)`, so a match reports the
/// same kilometres anyone else computes.
///
/// An index is a snapshot: rebuild it when courses, slots or locations change. Seats are not part
/// of it; they come in with each ranking.
public struct OfferIndex: Sendable {
    /// The zone local start times were computed in; a ranking's context must use the same one.
    public let zone: CivilZone
    let locations: [Location]
    let courses: [Course]
    let slots: [Slot]
    let courseTable: Table
    let slotTable: Table
    /// Each catalogue language's bit in `Table.languages`; languages beyond 63 share the last bit.
    let languageBits: [String: UInt64]

    /// Offers whose location is not among `locations` cannot be judged and are left out.
    public init(courses: [Course], slots: [Slot], locations: [Location], zone: CivilZone = .europeBerlin) {
        self.zone = zone
        self.locations = locations
        self.courses = courses
        self.slots = slots
        var locationRow: [String: Int32] = [:]
        for (row, location) in locations.enumerated() { locationRow[location.id] = Int32(row) }
        var bits: [String: UInt64] = [:]
        for slot in slots {
            for language in slot.languages where bits[language.code] == nil {
                bits[language.code] = 1 << UInt64(min(bits.count, 63))
            }
        }
        languageBits = bits
        courseTable = Table(
            courses.indices.compactMap { row in
                let course = courses[row]
                guard let place = locationRow[course.locationId] else { return nil }
                var flags = Table.Flags.of(womenOnly: course.womenOnly, stepFree: locations[Int(place)].stepFree)
                if course.childcare { flags.insert(.childcare) }
                if course.kind == .literacy { flags.insert(.literacy) }
                return Table.Fact(
                    source: row, id: course.id, location: place, start: course.firstStart, flags: flags,
                    levelBit: Table.levelBit(course.level), languages: 0, schedule: course.schedule)
            })
        slotTable = Table(
            slots.indices.compactMap { row in
                let slot = slots[row]
                guard let place = locationRow[slot.locationId] else { return nil }
                return Table.Fact(
                    source: row, id: slot.id, location: place, start: zone.local(slot.start),
                    flags: Table.Flags.of(womenOnly: slot.womenOnly, stepFree: locations[Int(place)].stepFree),
                    levelBit: 0, languages: slot.languages.reduce(0) { $0 | (bits[$1.code] ?? 0) },
                    schedule: slot.schedule(in: zone))
            })
    }

    public var courseCount: Int { courseTable.count }
    public var slotCount: Int { slotTable.count }

    func table(_ kind: OfferKind) -> Table {
        kind == .course ? courseTable : slotTable
    }

    /// The offer in `row` of `kind`'s table, whole, as eligibility judges it.
    func offer(_ kind: OfferKind, row: Int) -> Offer {
        let table = table(kind)
        let source = Int(table.source[row])
        let location = locations[Int(table.location[row])]
        switch kind {
        case .course: return .course(courses[source], at: location)
        case .slot: return .slot(slots[source], at: location)
        }
    }
}
