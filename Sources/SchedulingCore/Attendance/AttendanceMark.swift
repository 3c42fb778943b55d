/// The mark of one booking at one session: the code and, for someone present, the minutes they
/// came late or left early.
public struct AttendanceMark: Hashable, Sendable {
    public let bookingId: String
    public let code: AttendanceCode
    public let arrivedLateMinutes: Int?
    public let leftEarlyMinutes: Int?

    public init(bookingId: String, code: AttendanceCode, arrivedLateMinutes: Int? = nil, leftEarlyMinutes: Int? = nil) {
        self.bookingId = bookingId
        self.code = code
        self.arrivedLateMinutes = arrivedLateMinutes
        self.leftEarlyMinutes = leftEarlyMinutes
    }
}

/// One mark as a client sends it.
public struct AttendanceMarkInput: Codable, Sendable, Equatable {
    public var bookingId: String?
    public var code: String?
    public var arrivedLateMinutes: Int?
    public var leftEarlyMinutes: Int?

    public init(bookingId: String?, code: String?, arrivedLateMinutes: Int? = nil, leftEarlyMinutes: Int? = nil) {
        self.bookingId = bookingId
        self.code = code
        self.arrivedLateMinutes = arrivedLateMinutes
        self.leftEarlyMinutes = leftEarlyMinutes
    }

    /// A session is at most a day long.
    public static let minutesRange = 0...600

    /// Checks one mark; `field` prefixes the names of its fields (`marks[2]`). Minutes late or
    /// early belong to someone who was there.
    func validated(_ v: inout Validator, field: String) -> AttendanceMark? {
        func name(_ child: String) -> String { field.isEmpty ? child : "\(field).\(child)" }
        let bookingId = v.text(bookingId, name("bookingId"), maxLength: 100)
        let code = v.choice(code, name("code"), AttendanceCode.self)
        for (minutes, label) in [(arrivedLateMinutes, "arrivedLateMinutes"), (leftEarlyMinutes, "leftEarlyMinutes")] {
            guard let minutes else { continue }
            if !Self.minutesRange.contains(minutes) {
                v.fail(name(label), "must be between \(Self.minutesRange.lowerBound) and \(Self.minutesRange.upperBound) minutes")
            } else if let code, code != .present {
                v.fail(name(label), "is only recorded for someone present (code X)")
            }
        }
        guard let bookingId, let code else { return nil }
        return AttendanceMark(bookingId: bookingId, code: code, arrivedLateMinutes: arrivedLateMinutes, leftEarlyMinutes: leftEarlyMinutes)
    }
}

/// A session's attendance as a client sends it: `PUT …/attendance/{date}`.
public struct AttendanceSheetInput: Codable, Sendable, Equatable {
    public var marks: [AttendanceMarkInput]?

    public init(marks: [AttendanceMarkInput]?) {
        self.marks = marks
    }

    /// The marks, each booking at most once; which bookings may be marked is the store's to check.
    public func validated() throws(ValidationFailure) -> [AttendanceMark] {
        var v = Validator()
        var marks: [AttendanceMark] = []
        var seen: Set<String> = []
        for (index, input) in (v.require(self.marks, "marks") ?? []).enumerated() {
            guard let mark = input.validated(&v, field: "marks[\(index)]") else { continue }
            if !seen.insert(mark.bookingId).inserted {
                v.fail("marks[\(index)].bookingId", "names a booking marked twice in this session")
            }
            marks.append(mark)
        }
        try v.finish()
        return marks
    }
}

/// A correction of a signed-off session's mark, as a client sends it: the new mark and why.
public struct AttendanceCorrectionInput: Codable, Sendable, Equatable {
    public var bookingId: String?
    public var code: String?
    public var arrivedLateMinutes: Int?
    public var leftEarlyMinutes: Int?
    public var reason: String?

    public init(bookingId: String?, code: String?, arrivedLateMinutes: Int? = nil, leftEarlyMinutes: Int? = nil, reason: String?) {
        self.bookingId = bookingId
        self.code = code
        self.arrivedLateMinutes = arrivedLateMinutes
        self.leftEarlyMinutes = leftEarlyMinutes
        self.reason = reason
    }

    public func validated() throws(ValidationFailure) -> (mark: AttendanceMark, reason: String) {
        var v = Validator()
        let mark = AttendanceMarkInput(
            bookingId: bookingId, code: code, arrivedLateMinutes: arrivedLateMinutes, leftEarlyMinutes: leftEarlyMinutes
        ).validated(&v, field: "")
        let reason = v.text(reason, "reason", maxLength: 500)
        try v.finish()
        return (mark!, reason!)
    }
}
