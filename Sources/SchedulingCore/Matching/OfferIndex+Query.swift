extension OfferIndex {
    /// A participant's side of the hard rules and the score, reduced to masks and integers.
    struct Query {
        typealias Flags = Table.Flags

        /// Flags an offer must have (women-only need, step-free, childcare for courses).
        let required: UInt8
        /// Flags an offer must not have (women-only for anyone not female).
        let forbidden: UInt8
        /// Course levels the participant may take: theirs and the next one up.
        let levels: UInt8
        /// Participants at `none` may also take literacy courses of any level.
        let literacyTakesAnyLevel: Bool
        /// The bit of each of the participant's languages, in their order; 0 for a language no
        /// slot offers.
        let languageBits: [UInt64]
        /// Languages sharing the overflow bit with others, which need a look at the slot itself.
        let languageIsAmbiguous: [Bool]
        let anyLanguage: UInt64
        let languages: [LanguageCode]
        let availability: UInt8
        let nowKey: Int
        let today: Int

        init(_ participant: Participant, kind: OfferKind, context: EligibilityContext, bits: [String: UInt64]) {
            var required: Flags = []
            var forbidden: Flags = []
            if participant.gender != .female { forbidden.insert(.womenOnly) }
            if participant.needs.womenOnly { required.insert(.womenOnly) }
            if participant.needs.stepFree { required.insert(.stepFree) }
            if kind == .course, participant.needs.childcare { required.insert(.childcare) }
            self.required = required.rawValue
            self.forbidden = forbidden.rawValue
            levels = Table.levelBit(participant.level) | (participant.level.next.map(Table.levelBit) ?? 0)
            literacyTakesAnyLevel = participant.level == .none
            languages = participant.languages
            languageBits = participant.languages.map { bits[$0.code] ?? 0 }
            let overflow: UInt64 = 1 << 63
            // The overflow bit is ambiguous only once a 64th language took it too.
            let crowded = bits.count > 63
            languageIsAmbiguous = languageBits.map { crowded && $0 == overflow }
            anyLanguage = languageBits.reduce(0, |)
            availability =
                participant.availability.isEmpty
                ? 0b111 : participant.availability.reduce(0) { $0 | Table.dayPartBit($1) }
            nowKey = Table.key(context.now)
            today = context.now.date.daysSinceEpoch
        }

        /// Position of the best language a slot offers that the participant speaks; `nil` if none.
        /// Exact: an ambiguous bit is settled against the slot's own list.
        @inline(__always)
        func languageRank(_ offered: UInt64, slotLanguages: () -> [LanguageCode]) -> Int? {
            guard offered & anyLanguage != 0 else { return nil }
            for rank in languageBits.indices where offered & languageBits[rank] != 0 {
                if !languageIsAmbiguous[rank] || slotLanguages().contains(languages[rank]) { return rank }
            }
            return nil
        }
    }
}
