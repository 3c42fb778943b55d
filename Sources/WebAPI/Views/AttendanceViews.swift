import SchedulingCore
import Store

/// A course's attendance: per session the marks as they stand and the corrections made, per
/// booking the count of each code, the attendance rate and whether it is at risk.
struct AttendanceView: Encodable {
    struct Mark: Encodable {
        let bookingId, code: String
        let arrivedLateMinutes, leftEarlyMinutes: Int?

        init(_ mark: AttendanceMark) {
            bookingId = mark.bookingId
            code = mark.code.rawValue
            arrivedLateMinutes = mark.arrivedLateMinutes
            leftEarlyMinutes = mark.leftEarlyMinutes
        }
    }

    struct Correction: Encodable {
        let mark: Mark
        let replaced: Mark?
        let reason, recordedAt, recordedBy: String
    }

    struct Session: Encodable {
        let date: String
        let signedOffAt: String?
        /// After corrections, in the order of the bookings.
        let marks: [Mark]
        let corrections: [Correction]
    }

    struct BookingTotals: Encodable {
        let bookingId: String
        /// Each of X, E, U, W and P, zero included.
        let counts: [String: Int]
        /// Present or at a placement, of the sessions marked other than W; left out before any.
        let rate: Double?
        let atRisk: Bool
    }

    struct Rule: Encodable {
        let firstSessions, inARow: Int
    }

    let courseId: String
    let noShowRule: Rule
    let sessions: [Session]
    let bookings: [BookingTotals]

    init(courseId: String, record: AttendanceRecord, roster: [AttendanceRosterLine], rule: NoShowRule, zone: CivilZone) {
        self.courseId = courseId
        noShowRule = Rule(firstSessions: rule.firstSessions, inARow: rule.inARow)
        let order = Dictionary(roster.enumerated().map { ($1.bookingId, $0) }, uniquingKeysWith: { first, _ in first })
        sessions = record.days.map { day in
            Session(
                date: day.date.description, signedOffAt: day.signedOffAt.map(zone.rfc3339),
                marks: day.effective.values.sorted { (order[$0.bookingId] ?? .max, $0.bookingId) < (order[$1.bookingId] ?? .max, $1.bookingId) }
                    .map(Mark.init),
                corrections: day.corrections.map {
                    Correction(
                        mark: Mark($0.mark), replaced: $0.replaced.map(Mark.init), reason: $0.reason,
                        recordedAt: zone.rfc3339($0.recordedAt), recordedBy: $0.recordedBy)
                })
        }
        bookings = roster.map { line in
            let tally = record.tally(of: line.bookingId)
            return BookingTotals(
                bookingId: line.bookingId,
                counts: Dictionary(uniqueKeysWithValues: AttendanceCode.allCases.map { ($0.rawValue, tally.count($0)) }),
                rate: tally.rate, atRisk: line.atRisk)
        }
    }
}
