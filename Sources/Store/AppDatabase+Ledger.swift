import Foundation
import GRDB
import SchedulingCore

extension AppDatabase {
    /// Everything the booking ledger holds, as stored: offers with their locations, participants
    /// not erased, every booking, and the answers given to idempotency keys.
    public func loadLedger(zone: CivilZone = .europeBerlin) throws -> Ledger {
        try read { db in try Self.ledger(db, zone: zone) }
    }

    static func ledger(_ db: Database, zone: CivilZone) throws -> Ledger {
        let locations = Dictionary(uniqueKeysWithValues: try LocationRecord.fetchAll(db).map { ($0.id, $0.model()) })
        func located<T>(_ value: T, _ locationId: String) throws -> (T, Location) {
            guard let location = locations[locationId] else { throw CorruptRow(column: "locationId", value: locationId) }
            return (value, location)
        }
        let courses = try CourseRecord.filter(Column("withdrawnAt") == nil).fetchAll(db).map { try located($0.model(), $0.locationId) }
        let slots = try SlotRecord.filter(Column("removedAt") == nil).fetchAll(db).map { try located($0.model(), $0.locationId) }
        let participants = try ParticipantRecord.filter(Column("erasedAt") == nil).fetchAll(db).map { try $0.model() }
        let bookings = try BookingRecord.fetchAll(db).map { try $0.model() }
        let decoder = JSONDecoder()
        let replays = try Row.fetchAll(db, sql: "SELECT organisationId, key, request, response, createdAt FROM idempotencyKey")
            .map { row -> (IdempotencyKey, BookingRequest, LedgerDecision, Timestamp) in
                (IdempotencyKey(organisationId: row["organisationId"], key: row["key"]),
                 try decoder.decode(BookingRequest.self, from: row["request"] as Data),
                 try decoder.decode(LedgerDecision.self, from: row["response"] as Data),
                 Timestamp(secondsSinceEpoch: row["createdAt"]))
            }
        return Ledger.restore(
            courses: courses, slots: slots, participants: participants, bookings: bookings, replays: replays, zone: zone)
    }

    /// Writes one batch of decisions in one transaction: offers and people made known, changes to
    /// courses, bookings, their events, one outbox row per booking change the participant is told
    /// of, idempotency answers (and their expiry), capacities, and erasures (which also drop the
    /// erased person's unsent mail).
    public func commit(_ changes: LedgerChanges, now: Timestamp) throws {
        guard !changes.isEmpty else { return }
        try write { db in
            for location in changes.locations { try LocationRecord(location).insert(db, onConflict: .ignore) }
            for location in changes.changedLocations { try LocationRecord(location).upsert(db) }
            for course in changes.courses { try CourseRecord(course, createdAt: now).upsert(db) }
            for slot in changes.slots { try SlotRecord(slot, createdAt: now).upsert(db) }
            for participant in changes.participants { try ParticipantRecord(participant, consentAt: now).upsert(db) }
            for change in changes.courseChanges where change.title != nil || change.childcare != nil || change.cancelUntilHours != nil {
                // Only the columns the change names: the row keeps its createdAt, and its capacity
                // follows the course.capacityChanged events below, in the order they were decided.
                try db.execute(
                    sql: """
                        UPDATE course SET title = coalesce(?, title), childcare = coalesce(?, childcare),
                            cancelUntilHours = coalesce(?, cancelUntilHours) WHERE id = ?
                        """,
                    arguments: [change.title, change.childcare, change.cancelUntilHours, change.courseId])
            }
            try LedgerWriter(db: db, now: now).write(changes)
            for id in changes.withdrawnCourses {
                try db.execute(sql: "UPDATE course SET withdrawnAt = ? WHERE id = ?", arguments: [now.secondsSinceEpoch, id])
            }
            for id in changes.removedSlots {
                try db.execute(sql: "UPDATE slot SET removedAt = ? WHERE id = ?", arguments: [now.secondsSinceEpoch, id])
            }
        }
    }
}

/// The hot path of a commit, on cached prepared statements: a batch holds hundreds of rows.
private struct LedgerWriter {
    let db: Database
    let now: Timestamp

    func write(_ changes: LedgerChanges) throws {
        let booking = try db.cachedStatement(sql: """
            INSERT INTO booking (id, participantId, courseId, slotId, status, waitlistSeq, sequence, createdAt, updatedAt, cancelledBy,
                cancelReason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET slotId = excluded.slotId, status = excluded.status,
                waitlistSeq = excluded.waitlistSeq, sequence = excluded.sequence, updatedAt = excluded.updatedAt,
                cancelledBy = excluded.cancelledBy, cancelReason = excluded.cancelReason,
                atRiskSince = CASE WHEN excluded.status = 'confirmed' THEN atRiskSince END
            """)
        // Each change in the order it was decided, as the event carries it: every state written is
        // one the ledger passed through, so a slot freed (or moved away from) and taken again in one
        // batch never trips the unique indexes. A booking changed twice is written twice; few are.
        for e in changes.events {
            guard let b = e.booking else { continue }
            let (courseId, slotId): (String?, String?) = switch b.offer {
            case .course(let id): (id, nil)
            case .slot(let id): (nil, id)
            }
            try booking.execute(arguments: [
                b.id, b.participantId, courseId, slotId, b.status.rawValue, b.waitlistSeq, b.sequence,
                b.createdAt.secondsSinceEpoch, b.updatedAt.secondsSinceEpoch, b.cancelledBy?.rawValue, e.reason,
            ])
        }
        let event = try db.cachedStatement(sql: """
            INSERT INTO event (kind, bookingId, courseId, slotId, participantId, payload, at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let outbox = try db.cachedStatement(sql: """
            INSERT INTO outbox (bookingId, participantId, kind, nextAttemptAt, createdAt) VALUES (?, ?, ?, ?, ?)
            """)
        for e in changes.events {
            let b = e.booking
            let slotId: String? = if case .slot(let id)? = b?.offer { id } else { nil }
            let payload = b.map { "{\"status\":\"\($0.status.rawValue)\",\"sequence\":\($0.sequence)" + ($0.cancelledBy.map { ",\"cancelledBy\":\"\($0.rawValue)\"" } ?? "") + "}" }
                ?? "{\"capacity\":\(e.capacity ?? 0)}"
            try event.execute(arguments: [e.kind.rawValue, b?.id, e.courseId, slotId, b?.participantId, payload, now.secondsSinceEpoch])
            if let b, e.notify {
                let kind = e.reason == nil ? e.kind.mailKind : LedgerEvent.releasedMailKind
                try outbox.execute(arguments: [b.id, b.participantId, kind, now.secondsSinceEpoch, now.secondsSinceEpoch])
            }
            if e.kind == .capacityChanged, let courseId = e.courseId, let capacity = e.capacity {
                try db.execute(sql: "UPDATE course SET capacity = ? WHERE id = ?", arguments: [capacity, courseId])
            }
        }
        if !changes.replays.isEmpty {
            let encoder = JSONEncoder()
            let replay = try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO idempotencyKey (organisationId, key, request, bookingId, response, createdAt, participantId)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (key, request, decision) in changes.replays {
                let bookingId: String? = if case .booking(let b, _) = decision { b.id } else { nil }
                try replay.execute(arguments: [
                    key.organisationId, key.key, try encoder.encode(request), bookingId, try encoder.encode(decision),
                    now.secondsSinceEpoch, request.participantId,
                ])
            }
        }
        if let before = changes.replaysExpireBefore {
            try db.execute(sql: "DELETE FROM idempotencyKey WHERE createdAt < ?", arguments: [before.secondsSinceEpoch])
        }
        if !changes.erasedParticipants.isEmpty { try erase(changes.erasedParticipants) }
    }

    /// Personal data goes, and what only the person explains among the small tables. The
    /// participant row stays as a blank tombstone so bookings keep their reference and a course's
    /// seats and attendance counts stay right. Their unsent mail is dropped here, found on the
    /// outbox's index of pending rows; the large tables (their mail rows, the events' link to
    /// them) are cleared after the commit in chunks (`AppDatabase.forgetErased`), so a booking
    /// never waits for a scan of them. The deleted bytes are zeroed (`secure_delete`).
    private func erase(_ ids: [String]) throws {
        for id in ids {
            // Each booking statement repeats a partial index's condition, so it finds the rows on it.
            try db.execute(sql: """
                UPDATE participant SET name = '', email = '', phone = NULL, preferredLanguage = 'de', languages = '', gender = 'unspecified',
                    district = '', lat = 0, lon = 0, level = 'none', needsWomenOnly = 0, needsChildcare = 0, needsStepFree = 0,
                    availability = '', attendanceConsent = 0, consentWording = NULL, consentLanguage = NULL,
                    consentRecordedByPerson = NULL, exactLocation = 0, erasedAt = ? WHERE id = ?;
                UPDATE booking SET cancelReason = NULL, atRiskSince = NULL WHERE participantId = ? AND status = 'cancelled';
                UPDATE booking SET cancelReason = NULL, atRiskSince = NULL WHERE participantId = ? AND status <> 'cancelled';
                UPDATE attendanceCorrection SET reason = '' WHERE bookingId IN (
                    SELECT id FROM booking WHERE participantId = ? AND status = 'cancelled'
                    UNION ALL SELECT id FROM booking WHERE participantId = ? AND status <> 'cancelled');
                DELETE FROM centreNotice WHERE participantId = ?;
                """, arguments: [now.secondsSinceEpoch, id, id, id, id, id, id])
        }
        let list = ids.map { _ in "?" }.joined(separator: ",")
        let arguments = StatementArguments(ids)
        try db.execute(
            sql: "UPDATE outbox SET status = 'dropped', lastError = NULL WHERE status = 'pending' AND participantId IN (\(list))",
            arguments: arguments)
        try db.execute(sql: "DELETE FROM idempotencyKey WHERE participantId IN (\(list))", arguments: arguments)
    }
}

extension LedgerEvent {
    /// The mail of a seat a provider released, which says why.
    static let releasedMailKind = "released"
}

extension LedgerEvent.Kind {
    /// The outbox names a mail by what it tells: confirmed, waitlisted, promoted, cancelled.
    var mailKind: String {
        switch self {
        case .confirmed: "confirmed"
        case .waitlisted: "waitlisted"
        case .promoted: "promoted"
        case .cancelled: "cancelled"
        // A moved appointment is confirmed anew, at its new time; the calendar entry is replaced.
        case .rescheduled: "confirmed"
        case .capacityChanged: "capacityChanged"
        }
    }
}
