import SchedulingCore

extension ImportPayload {
    /// The first local day this row's offer takes place, if it is an offer.
    func firstDay(in zone: CivilZone) -> LocalDate? {
        switch self {
        case .course(let input): input.startDate.flatMap { LocalDate(iso: $0) }
        case .slot(let input): input.start.flatMap { Timestamp(rfc3339: $0) }.map { zone.local($0).date }
        case .organisation, .location, .participant: nil
        }
    }

    /// The same row with every date moved by `days`, wall-clock times kept (a 09:00 slot stays at
    /// 09:00 across a change to summer time). Unparseable values stay as they are for validation to name.
    func shifted(byDays days: Int, in zone: CivilZone) -> ImportPayload {
        func date(_ text: String?) -> String? {
            guard let text, let date = LocalDate(iso: text) else { return text }
            return date.adding(days: days).description
        }
        func instant(_ text: String?) -> String? {
            guard let text, let stamp = Timestamp(rfc3339: text) else { return text }
            let local = zone.local(stamp)
            return zone.rfc3339(zone.instant(LocalDateTime(date: local.date.adding(days: days), minutes: local.minutes))
                .adding(seconds: stamp.secondsSinceEpoch % 60))
        }
        switch self {
        case .course(var input):
            input.startDate = date(input.startDate)
            input.endDate = date(input.endDate)
            return .course(input)
        case .slot(var input):
            input.start = instant(input.start)
            return .slot(input)
        case .participant(var input):
            input.registeredAt = instant(input.registeredAt)
            return .participant(input)
        case .organisation, .location:
            return self
        }
    }
}

extension ImportFile {
    /// The file with every date and time moved by `days` (the samples, moved to the weeks ahead).
    public func shifted(byDays days: Int, in zone: CivilZone) -> ImportFile {
        var copy = self
        for index in copy.records.indices {
            copy.records[index].payload = copy.records[index].payload.shifted(byDays: days, in: zone)
        }
        return copy
    }

    /// The earliest day any row of the file begins.
    public func firstDay(in zone: CivilZone) -> LocalDate? {
        records.compactMap { $0.payload.firstDay(in: zone) }.min()
    }
}
