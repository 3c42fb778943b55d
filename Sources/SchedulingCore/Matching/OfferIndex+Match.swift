extension OfferIndex {
    /// A scan's winner as the API shows it: its id, numbers and reasons.
    func match(
        _ entry: TopK.Entry, kind: OfferKind, participant: Participant, query: Query,
        _ distances: (km: [Double], term: [Double]), _ freeSeats: (OfferRef) -> Int
    ) -> Match {
        let row = Int(entry.row)
        let table = table(kind)
        let km = distances.km[Int(table.location[row])]
        let startMinutes = table.startKey[row] - Int(table.startDay[row]) * 1440
        var reasons: [MatchReason] = [
            .distance(km: km),
            .starts(inDays: Int(table.startDay[row]) - query.today),
        ]
        if !participant.availability.isEmpty, table.dayPartBit[row] & query.availability != 0 {
            reasons.append(.timeOfDayFit(startMinutes: startMinutes))
        }
        let flags = Table.Flags(rawValue: table.flags[row])
        let ref: OfferRef
        let full: Bool
        switch kind {
        case .course:
            let course = courses[Int(table.source[row])]
            ref = .course(course.id)
            full = freeSeats(ref) <= 0
            if participant.needs.childcare, course.childcare { reasons.append(.childcare) }
        case .slot:
            let slot = slots[Int(table.source[row])]
            ref = .slot(slot.id)
            full = false
            if let rank = MatchScore.languageRank(of: participant.languages, in: slot.languages) {
                reasons.append(.counselling(in: participant.languages[rank], rank: rank))
            }
        }
        if participant.needs.stepFree, flags.contains(.stepFree) { reasons.append(.stepFree) }
        if flags.contains(.womenOnly) { reasons.append(.womenOnly) }
        return Match(offer: ref, score: entry.score, distanceKm: km, full: full, reasons: reasons)
    }
}
