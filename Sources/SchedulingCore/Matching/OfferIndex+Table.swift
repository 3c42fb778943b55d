extension OfferIndex {
    /// One kind's offers as parallel arrays, sorted by local start (then id).
    struct Table: Sendable {
        struct Flags: OptionSet, Sendable {
            let rawValue: UInt8
            static let womenOnly = Flags(rawValue: 1 << 0)
            static let stepFree = Flags(rawValue: 1 << 1)
            static let childcare = Flags(rawValue: 1 << 2)
            static let literacy = Flags(rawValue: 1 << 3)

            static func of(womenOnly: Bool, stepFree: Bool) -> Flags {
                var flags: Flags = []
                if womenOnly { flags.insert(.womenOnly) }
                if stepFree { flags.insert(.stepFree) }
                return flags
            }
        }

        /// What the builder knows about one offer.
        struct Fact {
            let source: Int
            let id: String
            let location: Int32
            let start: LocalDateTime
            let flags: Flags
            let levelBit: UInt8
            let languages: UInt64
            let schedule: Schedule
        }

        let count: Int
        /// Row in the catalogue array (`courses` or `slots`).
        let source: [Int32]
        /// The offer's position among its kind ordered by id: ties compare integers, not strings.
        let idRank: [Int32]
        let location: [Int32]
        /// Local start as `day · 1440 + minute`: the future rule is one integer comparison.
        let startKey: [Int]
        /// Local start date, days since 1970-01-01.
        let startDay: [Int32]
        /// `1 << DayPart index` of the start.
        let dayPartBit: [UInt8]
        let flags: [UInt8]
        /// `1 << Level index` (courses).
        let levelBit: [UInt8]
        /// Bits of the counsellor's languages (slots).
        let languages: [UInt64]
        let schedule: [Schedule]
        /// The distinct locations this kind uses, so a ranking measures only those.
        let usedLocations: [Int32]

        init(_ facts: [Fact]) {
            let byId = facts.indices.sorted { facts[$0].id < facts[$1].id }
            var rankOf = [Int32](repeating: 0, count: facts.count)
            for (rank, row) in byId.enumerated() { rankOf[row] = Int32(rank) }
            let order = facts.indices.sorted {
                (Table.key(facts[$0].start), rankOf[$0]) < (Table.key(facts[$1].start), rankOf[$1])
            }
            count = facts.count
            source = order.map { Int32(facts[$0].source) }
            idRank = order.map { rankOf[$0] }
            location = order.map { facts[$0].location }
            startKey = order.map { Table.key(facts[$0].start) }
            startDay = order.map { Int32(facts[$0].start.date.daysSinceEpoch) }
            dayPartBit = order.map { Table.dayPartBit(DayPart(startingAt: facts[$0].start.minutes)) }
            flags = order.map { facts[$0].flags.rawValue }
            levelBit = order.map { facts[$0].levelBit }
            languages = order.map { facts[$0].languages }
            schedule = order.map { facts[$0].schedule }
            usedLocations = Array(Set(location)).sorted()
        }

        static func key(_ local: LocalDateTime) -> Int {
            local.date.daysSinceEpoch * 1440 + local.minutes
        }

        static func levelBit(_ level: Level) -> UInt8 {
            1 << UInt8(Level.allCases.firstIndex(of: level)!)
        }

        static func dayPartBit(_ part: DayPart) -> UInt8 {
            1 << UInt8(DayPart.allCases.firstIndex(of: part)!)
        }

        /// The first row that starts strictly after `key`.
        func firstRow(after key: Int) -> Int {
            var low = 0
            var high = count
            while low < high {
                let mid = (low + high) / 2
                if startKey[mid] > key { high = mid } else { low = mid + 1 }
            }
            return low
        }
    }
}
