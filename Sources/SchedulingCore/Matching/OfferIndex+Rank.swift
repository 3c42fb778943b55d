extension OfferIndex {
    /// The offers of `kind` that `participant` is eligible for, best first by `MatchScore`, at
    /// most `limit` of them. Every match keeps all of `Eligibility`'s rules: the scan applies them
    /// in cheap form and the winners are confirmed with `Eligibility` itself.
    ///
    /// - Parameters:
    ///   - context: now, the participant's confirmed bookings, and the zone, which must be `zone`.
    ///   - freeSeats: the seats still free of an offer. A course without one is listed as `full`
    ///     (booking it waitlists); a slot without one is taken and not listed. Asked only about
    ///     offers that would make the list.
    public func rank(
        participant: Participant, kind: OfferKind, context: EligibilityContext, limit: Int,
        freeSeats: (OfferRef) -> Int = { _ in 1 }
    ) -> [Match] {
        precondition(context.zone == zone, "the index was built for \(zone.identifier)")
        guard limit > 0 else { return [] }
        // A large limit ("all of them") is fine: the heap never holds more than the table.
        let query = Query(participant, kind: kind, context: context, bits: languageBits)
        let distances = self.distances(from: participant.coordinate, for: kind)
        var refuted: Set<Int32> = []
        while true {
            let best = candidates(
                kind: kind, query: query, distances: distances, confirmed: context.confirmed, limit: limit,
                skipping: refuted, freeSeats: freeSeats)
            // The scan and the rules agree by construction; should they ever not, the rules win.
            let wrong = best.filter {
                !Eligibility.isEligible(participant, for: offer(kind, row: Int($0.row)), in: context)
            }
            guard !wrong.isEmpty else {
                return best.map { match($0, kind: kind, participant: participant, query: query, distances, freeSeats) }
            }
            refuted.formUnion(wrong.map(\.row))
        }
    }

    /// Kilometres to, and the distance term of, each location `kind` uses.
    func distances(from origin: Coordinate, for kind: OfferKind) -> (km: [Double], term: [Double]) {
        var km = [Double](repeating: 0, count: locations.count)
        var term = [Double](repeating: 0, count: locations.count)
        for place in table(kind).usedLocations {
            let d = origin.distanceKm(to: locations[Int(place)].coordinate)
            km[Int(place)] = d
            term[Int(place)] = MatchScore.distanceTerm(d)
        }
        return (km, term)
    }

    /// The best `limit` offers the scan finds eligible, best first, without the final confirmation.
    func candidates(
        kind: OfferKind, query: Query, distances: (km: [Double], term: [Double]), confirmed: [Schedule],
        limit: Int, skipping refuted: Set<Int32> = [], freeSeats: (OfferRef) -> Int = { _ in 1 }
    ) -> [TopK.Entry] {
        let table = table(kind)
        let isCourse = kind == .course
        let literacy = Table.Flags.literacy.rawValue
        var top = TopK(capacity: min(limit, table.count))
        for row in table.firstRow(after: query.nowKey)..<table.count {
            let flags = table.flags[row]
            guard flags & query.required == query.required, flags & query.forbidden == 0 else { continue }
            var languageRank = 0
            if isCourse {
                guard
                    table.levelBit[row] & query.levels != 0
                        || (query.literacyTakesAnyLevel && flags & literacy != 0)
                else { continue }
            } else {
                guard
                    let rank = query.languageRank(
                        table.languages[row],
                        slotLanguages: {
                            slots[Int(table.source[row])].languages
                        })
                else { continue }
                languageRank = rank
            }
            if !confirmed.isEmpty {
                let schedule = table.schedule[row]
                guard !confirmed.contains(where: schedule.overlaps) else { continue }
            }
            let fits = table.dayPartBit[row] & query.availability != 0
            let score =
                distances.term[Int(table.location[row])]
                + MatchScore.startTerm(Int(table.startDay[row]) - query.today)
                + MatchScore.timeOfDayTerm(fits) + MatchScore.languageTerm(languageRank)
            let entry = TopK.Entry(score: score, idRank: table.idRank[row], row: Int32(row))
            guard top.admits(entry), refuted.isEmpty || !refuted.contains(entry.row) else { continue }
            if !isCourse, freeSeats(.slot(slots[Int(table.source[row])].id)) <= 0 { continue }
            top.insert(entry)
        }
        return top.sorted
    }
}
