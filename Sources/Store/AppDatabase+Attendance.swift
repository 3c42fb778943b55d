import GRDB
import SchedulingCore

/// Why a change to a session's attendance was refused; nothing was stored.
public enum AttendanceConflict: Error, Equatable, Sendable {
    /// The teacher signed the day off: only corrections may follow.
    case signedOff(LocalDate)
    /// Nothing was recorded that day yet: there is nothing to sign off or correct.
    case nothingRecorded(LocalDate)
    /// The day is still open: change it with a new record instead of a correction.
    case notSignedOff(LocalDate)
}

/// A notice to an advice centre about one of its participants.
public struct CentreNotice: Sendable, Equatable {
    public let id: Int64
    /// `booking.atRisk`: a course booking's absences put it at risk.
    public let kind: String
    public let bookingId: String
    public let participantId: String
    public let courseId: String?
    public let createdAt: Timestamp
}

/// Attendance, kept beside the booking engine: marks never change seats, and every mark must name
/// a booking the store holds as confirmed in that course, checked in the same write transaction
/// that the engine's commits pass through. Only the provider's release of a seat goes through the
/// engine.
extension AppDatabase {
    /// Replaces the marks of one session of `courseId` while the day is open, then sets or clears
    /// each booking's risk under `rule`. Every booking must be confirmed in the course, or have
    /// been marked that day already (someone who left since keeps the mark of a day they came to).
    ///
    /// - Throws: `AttendanceConflict.signedOff`, or `ValidationFailure` naming `marks[i].bookingId`.
    public func recordAttendance(
        courseId: String, date: LocalDate, marks: [AttendanceMark], by organisationId: String, rule: NoShowRule, now: Timestamp
    ) async throws -> AttendanceRecord {
        try await write { db in
            if try Self.signedOff(db, courseId: courseId, date: date) == true { throw AttendanceConflict.signedOff(date) }
            let markable = try Set(String.fetchAll(db, sql: """
                SELECT id FROM booking WHERE courseId = ?1 AND status = 'confirmed'
                UNION SELECT bookingId FROM attendanceMark WHERE courseId = ?1 AND date = ?2
                """, arguments: [courseId, date.description]))
            let strangers = marks.enumerated().filter { !markable.contains($0.element.bookingId) }
            guard strangers.isEmpty else {
                throw ValidationFailure(strangers.map {
                    FieldError(field: "marks[\($0.offset)].bookingId", message: "is not a confirmed booking of this course, nor marked that day")
                })
            }
            try db.execute(sql: """
                INSERT INTO attendanceDay (courseId, date, recordedAt, recordedBy) VALUES (?, ?, ?, ?)
                ON CONFLICT (courseId, date) DO UPDATE SET recordedAt = excluded.recordedAt, recordedBy = excluded.recordedBy;
                DELETE FROM attendanceMark WHERE courseId = ? AND date = ?;
                """, arguments: [courseId, date.description, now.secondsSinceEpoch, organisationId, courseId, date.description])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO attendanceMark (courseId, date, bookingId, code, lateMinutes, earlyMinutes) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for mark in marks {
                try insert.execute(arguments: [
                    courseId, date.description, mark.bookingId, mark.code.rawValue, mark.arrivedLateMinutes, mark.leftEarlyMinutes,
                ])
            }
            return try Self.settleRisk(db, courseId: courseId, rule: rule, now: now)
        }
    }

    /// The teacher's sign-off: the day's marks stand from now on. Signing off twice keeps the first.
    public func signOffAttendance(courseId: String, date: LocalDate, by organisationId: String, now: Timestamp) async throws -> AttendanceRecord {
        try await write { db in
            guard try Self.signedOff(db, courseId: courseId, date: date) != nil else { throw AttendanceConflict.nothingRecorded(date) }
            try db.execute(sql: """
                UPDATE attendanceDay SET signedOffAt = ?, signedOffBy = ? WHERE courseId = ? AND date = ? AND signedOffAt IS NULL
                """, arguments: [now.secondsSinceEpoch, organisationId, courseId, date.description])
            return try Self.attendanceRecord(db, courseId: courseId)
        }
    }

    /// Adds a correction to a signed-off day, keeping the mark it replaces, then sets or clears
    /// each booking's risk. The booking must have been marked that day or be confirmed now.
    public func correctAttendance(
        courseId: String, date: LocalDate, mark: AttendanceMark, reason: String, by organisationId: String, rule: NoShowRule,
        now: Timestamp
    ) async throws -> AttendanceRecord {
        try await write { db in
            switch try Self.signedOff(db, courseId: courseId, date: date) {
            case nil: throw AttendanceConflict.nothingRecorded(date)
            case false?: throw AttendanceConflict.notSignedOff(date)
            case true?: break
            }
            let record = try Self.attendanceRecord(db, courseId: courseId)
            let replaced = record.days.first { $0.date == date }?.effective[mark.bookingId]
            let confirmed = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM booking WHERE id = ? AND courseId = ? AND status = 'confirmed')
                """, arguments: [mark.bookingId, courseId]) ?? false
            guard replaced != nil || confirmed else {
                throw ValidationFailure(field: "bookingId", message: "was not marked that day and is not a confirmed booking of this course")
            }
            let erased = try Bool.fetchOne(db, sql: """
                SELECT p.erasedAt IS NOT NULL FROM booking b JOIN participant p ON p.id = b.participantId WHERE b.id = ?
                """, arguments: [mark.bookingId]) ?? false
            guard !erased else {
                throw ValidationFailure(field: "bookingId", message: "belongs to an erased participant, whose marks stay as they are")
            }
            try db.execute(sql: """
                INSERT INTO attendanceCorrection (courseId, date, bookingId, code, lateMinutes, earlyMinutes,
                    replacedCode, replacedLateMinutes, replacedEarlyMinutes, reason, recordedAt, recordedBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    courseId, date.description, mark.bookingId, mark.code.rawValue, mark.arrivedLateMinutes, mark.leftEarlyMinutes,
                    replaced?.code.rawValue, replaced?.arrivedLateMinutes, replaced?.leftEarlyMinutes, reason,
                    now.secondsSinceEpoch, organisationId,
                ])
            return try Self.settleRisk(db, courseId: courseId, rule: rule, now: now)
        }
    }

    /// Every session of the course with marks, sign-off and corrections.
    public func attendance(courseId: String) async throws -> AttendanceRecord {
        try await read { db in try Self.attendanceRecord(db, courseId: courseId) }
    }

    /// Whether the participant came to a counselling appointment; the booking must be a confirmed
    /// slot booking. Returns whether one was.
    public func recordOutcome(bookingId: String, attended: Bool) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE booking SET attended = ? WHERE id = ? AND slotId IS NOT NULL AND status = 'confirmed'",
                arguments: [attended, bookingId])
            return db.changesCount == 1
        }
    }

    /// The notices to `centreId` (every centre's for `nil`) about bookings still at risk, newest first.
    public func centreNotices(centreId: String?, limit: Int = 50) async throws -> [CentreNotice] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT n.* FROM centreNotice n JOIN booking b ON b.id = n.bookingId
                WHERE (?1 IS NULL OR n.centreId = ?1) AND b.status = 'confirmed' AND b.atRiskSince IS NOT NULL
                ORDER BY n.id DESC LIMIT ?2
                """, arguments: [centreId, limit]).map { row in
                CentreNotice(
                    id: row["id"], kind: row["kind"], bookingId: row["bookingId"], participantId: row["participantId"],
                    courseId: row["courseId"], createdAt: Timestamp(secondsSinceEpoch: row["createdAt"]))
            }
        }
    }

    /// `nil`: nothing recorded that day; else whether the day is signed off.
    private static func signedOff(_ db: Database, courseId: String, date: LocalDate) throws -> Bool? {
        try Row.fetchOne(
            db, sql: "SELECT signedOffAt IS NOT NULL FROM attendanceDay WHERE courseId = ? AND date = ?",
            arguments: [courseId, date.description]
        ).map { $0[0] as Bool }
    }

    static func attendanceRecord(_ db: Database, courseId: String) throws -> AttendanceRecord {
        func mark(_ row: Row, code column: String, late: String, early: String) throws -> AttendanceMark? {
            guard let raw: String = row[column] else { return nil }
            return AttendanceMark(
                bookingId: row["bookingId"], code: try decode(AttendanceCode.self, raw, column: "attendance.\(column)"),
                arrivedLateMinutes: row[late], leftEarlyMinutes: row[early])
        }
        var marks: [String: [AttendanceMark]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM attendanceMark WHERE courseId = ?", arguments: [courseId]) {
            marks[row["date"], default: []].append(try mark(row, code: "code", late: "lateMinutes", early: "earlyMinutes")!)
        }
        var corrections: [String: [AttendanceCorrection]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM attendanceCorrection WHERE courseId = ? ORDER BY id", arguments: [courseId]) {
            corrections[row["date"], default: []].append(AttendanceCorrection(
                mark: try mark(row, code: "code", late: "lateMinutes", early: "earlyMinutes")!,
                replaced: try mark(row, code: "replacedCode", late: "replacedLateMinutes", early: "replacedEarlyMinutes"),
                reason: row["reason"], recordedAt: Timestamp(secondsSinceEpoch: row["recordedAt"]), recordedBy: row["recordedBy"]))
        }
        let days = try Row.fetchAll(db, sql: "SELECT date, signedOffAt FROM attendanceDay WHERE courseId = ?", arguments: [courseId])
            .map { row -> AttendanceDay in
                let text: String = row["date"]
                guard let date = LocalDate(iso: text) else { throw CorruptRow(column: "attendanceDay.date", value: text) }
                return AttendanceDay(
                    date: date, marks: marks[text] ?? [],
                    signedOffAt: (row["signedOffAt"] as Int64?).map(Timestamp.init(secondsSinceEpoch:)),
                    corrections: corrections[text] ?? [])
            }
        return AttendanceRecord(days: days)
    }

    /// Marks as at risk the confirmed bookings whose attendance breaks `rule` and clears the rest;
    /// a booking at risk is one notice to its participant's centre, if they agreed to that, which
    /// goes when the risk does.
    private static func settleRisk(_ db: Database, courseId: String, rule: NoShowRule, now: Timestamp) throws -> AttendanceRecord {
        let record = try attendanceRecord(db, courseId: courseId)
        let atRisk = record.atRisk(under: rule)
        let rows = try Row.fetchAll(db, sql: """
            SELECT b.id, b.atRiskSince IS NOT NULL AS flagged, p.id AS participantId, p.centreId,
                   p.attendanceConsent AND p.erasedAt IS NULL AS tell
            FROM booking b JOIN participant p ON p.id = b.participantId
            WHERE b.courseId = ? AND b.status = 'confirmed'
            """, arguments: [courseId])
        for row in rows {
            let id: String = row["id"], flagged: Bool = row["flagged"]
            switch (atRisk.contains(id), flagged) {
            case (true, false):
                try db.execute(sql: "UPDATE booking SET atRiskSince = ? WHERE id = ?", arguments: [now.secondsSinceEpoch, id])
                if row["tell"] as Bool {
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO centreNotice (centreId, kind, bookingId, participantId, courseId, createdAt)
                        VALUES (?, 'booking.atRisk', ?, ?, ?, ?)
                        """, arguments: [row["centreId"] as String, id, row["participantId"] as String, courseId, now.secondsSinceEpoch])
                }
            case (false, true):
                try db.execute(sql: "UPDATE booking SET atRiskSince = NULL WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM centreNotice WHERE bookingId = ? AND kind = 'booking.atRisk'", arguments: [id])
            default: break
            }
        }
        return record
    }
}

extension AppDatabase {
    /// The latest counselling appointments of `centreId`'s participants (every centre's for `nil`)
    /// that the participant did not come to, newest first.
    public func noShows(centreId: String?, limit: Int = 20) async throws -> [BookingLine] {
        try await read { db in
            // Its partial index's condition word for word, `attended = 0`, so SQLite uses it.
            try Self.bookingLines(db, where: """
                b.attended = 0 AND p.erasedAt IS NULL AND (?1 IS NULL OR p.centreId = ?1) ORDER BY b.updatedAt DESC, b.id LIMIT ?2
                """, arguments: [centreId, limit])
        }
    }
}
