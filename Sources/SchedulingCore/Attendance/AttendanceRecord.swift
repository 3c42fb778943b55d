/// A course's attendance as kept: per session the marks as recorded, whether the teacher signed
/// the day off, and the corrections made since, each keeping what it replaced.
public struct AttendanceRecord: Sendable, Equatable {
    public let days: [AttendanceDay]

    public init(days: [AttendanceDay]) {
        self.days = days.sorted { $0.date < $1.date }
    }

    /// One booking's marks as they stand after corrections, in session order.
    public func codes(of bookingId: String) -> [AttendanceCode] {
        days.compactMap { $0.effective[bookingId]?.code }
    }

    /// Every booking marked at some session.
    public var bookingIds: Set<String> {
        Set(days.flatMap { $0.effective.keys })
    }

    public func tally(of bookingId: String) -> AttendanceTally {
        AttendanceTally(codes(of: bookingId))
    }

    /// The bookings whose marks put them at risk under `rule`.
    public func atRisk(under rule: NoShowRule) -> Set<String> {
        bookingIds.filter { rule.isAtRisk(codes(of: $0)) }
    }
}

/// One session of a course as kept.
public struct AttendanceDay: Sendable, Equatable {
    public let date: LocalDate
    /// As recorded before the sign-off (the last `PUT` of the day).
    public let marks: [AttendanceMark]
    public let signedOffAt: Timestamp?
    /// In the order they were made.
    public let corrections: [AttendanceCorrection]
    /// The marks after every correction, by booking.
    public let effective: [String: AttendanceMark]

    public init(date: LocalDate, marks: [AttendanceMark], signedOffAt: Timestamp?, corrections: [AttendanceCorrection]) {
        self.date = date
        self.marks = marks
        self.signedOffAt = signedOffAt
        self.corrections = corrections
        var effective = Dictionary(marks.map { ($0.bookingId, $0) }, uniquingKeysWith: { _, last in last })
        for correction in corrections { effective[correction.mark.bookingId] = correction.mark }
        self.effective = effective
    }
}

/// A mark changed after the day was signed off. The mark it replaced stays on record.
public struct AttendanceCorrection: Sendable, Equatable {
    public let mark: AttendanceMark
    /// What stood before: the recorded mark or an earlier correction; `nil` if the person had none.
    public let replaced: AttendanceMark?
    public let reason: String
    public let recordedAt: Timestamp
    /// The organisation that made it.
    public let recordedBy: String

    public init(mark: AttendanceMark, replaced: AttendanceMark?, reason: String, recordedAt: Timestamp, recordedBy: String) {
        self.mark = mark
        self.replaced = replaced
        self.reason = reason
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }
}

/// How often one booking got each code, and the share of sessions attended.
public struct AttendanceTally: Sendable, Equatable {
    public private(set) var counts: [AttendanceCode: Int] = [:]

    public init(_ codes: some Sequence<AttendanceCode>) {
        for code in codes { counts[code, default: 0] += 1 }
    }

    public func count(_ code: AttendanceCode) -> Int { counts[code] ?? 0 }

    /// Present or at a placement, of the sessions marked other than a change of provider; `nil`
    /// before any such session.
    public var rate: Double? {
        let counted = AttendanceCode.allCases.filter(\.countsTowardsRate).reduce(0) { $0 + count($1) }
        guard counted > 0 else { return nil }
        let attended = AttendanceCode.allCases.filter(\.attended).reduce(0) { $0 + count($1) }
        return Double(attended) / Double(counted)
    }
}
