import GRDB

extension AppDatabase {
    /// Append-only: a shipped migration is never edited; a change is a new migration.
    ///
    /// Times are integer seconds since the epoch, times of day integer minutes, dates ISO text
    /// (they sort and compare as text), coded values the API's own strings.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-organisations") { db in
            try db.execute(sql: """
                CREATE TABLE organisation (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('provider', 'advice-centre', 'admin')),
                    name TEXT NOT NULL,
                    createdAt INTEGER NOT NULL
                );
                CREATE TABLE token (
                    hash BLOB PRIMARY KEY NOT NULL,
                    organisationId TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX token_organisation ON token(organisationId);
                """)
        }
        migrator.registerMigration("v1-offers") { db in
            try db.execute(sql: """
                CREATE TABLE location (
                    id TEXT PRIMARY KEY NOT NULL,
                    ownerId TEXT NOT NULL REFERENCES organisation(id),
                    name TEXT NOT NULL,
                    address TEXT NOT NULL,
                    district TEXT NOT NULL,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL,
                    stepFree INTEGER NOT NULL
                );
                CREATE TABLE course (
                    id TEXT PRIMARY KEY NOT NULL,
                    providerId TEXT NOT NULL REFERENCES organisation(id),
                    title TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    level TEXT NOT NULL,
                    locationId TEXT NOT NULL REFERENCES location(id),
                    capacity INTEGER NOT NULL CHECK (capacity > 0),
                    womenOnly INTEGER NOT NULL,
                    childcare INTEGER NOT NULL,
                    startDate TEXT NOT NULL,
                    endDate TEXT NOT NULL CHECK (endDate >= startDate),
                    weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
                    startMinute INTEGER NOT NULL,
                    endMinute INTEGER NOT NULL CHECK (endMinute > startMinute),
                    pausesInSchoolHolidays INTEGER NOT NULL,
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX course_provider ON course(providerId);
                CREATE INDEX course_start ON course(startDate);
                CREATE TABLE slot (
                    id TEXT PRIMARY KEY NOT NULL,
                    centreId TEXT NOT NULL REFERENCES organisation(id),
                    locationId TEXT NOT NULL REFERENCES location(id),
                    startsAt INTEGER NOT NULL,
                    durationMinutes INTEGER NOT NULL CHECK (durationMinutes > 0),
                    service TEXT NOT NULL,
                    languages TEXT NOT NULL,
                    womenOnly INTEGER NOT NULL,
                    counsellor TEXT NOT NULL,
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX slot_centre ON slot(centreId);
                CREATE INDEX slot_start ON slot(startsAt);
                """)
        }
        migrator.registerMigration("v1-participants") { db in
            // Personal data lives only here; erasure blanks it and keeps the row so bookings and
            // the audit trail stay consistent.
            try db.execute(sql: """
                CREATE TABLE participant (
                    id TEXT PRIMARY KEY NOT NULL,
                    centreId TEXT NOT NULL REFERENCES organisation(id),
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    preferredLanguage TEXT NOT NULL,
                    languages TEXT NOT NULL,
                    gender TEXT NOT NULL,
                    district TEXT NOT NULL,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL,
                    level TEXT NOT NULL,
                    needsWomenOnly INTEGER NOT NULL,
                    needsChildcare INTEGER NOT NULL,
                    needsStepFree INTEGER NOT NULL,
                    availability TEXT NOT NULL,
                    consentAt INTEGER NOT NULL,
                    registeredAt INTEGER NOT NULL,
                    erasedAt INTEGER
                );
                CREATE INDEX participant_centre ON participant(centreId);
                """)
        }
        migrator.registerMigration("v1-bookings") { db in
            // Bookings are keyed by time-ordered ids in a WITHOUT ROWID table, so a batch of new
            // bookings appends to one edge of one B-tree. A secondary index on participant or
            // course would cost a random page write per booking at every commit (measured: 40 %
            // of the booking rate); the booking engine's ledger holds every booking in memory and
            // answers "bookings of a participant" and "roster of a course" instead. The partial
            // unique index makes a doubly-booked slot impossible even if a bug slipped past the
            // engine; one active booking per participant and course is the ledger's rule, checked
            // by its property test.
            try db.execute(sql: """
                CREATE TABLE booking (
                    id TEXT PRIMARY KEY NOT NULL,
                    participantId TEXT NOT NULL REFERENCES participant(id),
                    courseId TEXT REFERENCES course(id),
                    slotId TEXT REFERENCES slot(id),
                    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
                    waitlistSeq INTEGER,
                    sequence INTEGER NOT NULL DEFAULT 0,
                    createdAt INTEGER NOT NULL,
                    updatedAt INTEGER NOT NULL,
                    CHECK ((courseId IS NULL) <> (slotId IS NULL))
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX booking_slot_taken ON booking(slotId) WHERE slotId IS NOT NULL AND status <> 'cancelled';
                CREATE TABLE event (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    bookingId TEXT,
                    courseId TEXT,
                    slotId TEXT,
                    participantId TEXT,
                    payload TEXT NOT NULL DEFAULT '{}',
                    at INTEGER NOT NULL
                );
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    bookingId TEXT NOT NULL REFERENCES booking(id),
                    participantId TEXT NOT NULL REFERENCES participant(id),
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    nextAttemptAt INTEGER NOT NULL,
                    lastError TEXT,
                    createdAt INTEGER NOT NULL,
                    sentAt INTEGER
                );
                CREATE INDEX outbox_due ON outbox(status, nextAttemptAt);
                CREATE TABLE idempotencyKey (
                    organisationId TEXT NOT NULL REFERENCES organisation(id),
                    key TEXT NOT NULL,
                    request BLOB NOT NULL,
                    bookingId TEXT REFERENCES booking(id),
                    response BLOB NOT NULL,
                    createdAt INTEGER NOT NULL,
                    PRIMARY KEY (organisationId, key)
                );
                """)
        }
        migrator.registerMigration("v2-reminders") { db in
            // Partial: only reminder rows enter it, so the booking path's outbox inserts pay nothing.
            try db.execute(sql: "CREATE UNIQUE INDEX outbox_reminder ON outbox(bookingId) WHERE kind = 'reminder'")
        }
        migrator.registerMigration("v3-booking-integrity") { db in
            // v1-bookings left "one active booking per participant and offer" to the ledger and
            // gave readers no index, to spare each commit the index writes. Integrity belongs in
            // the database, where no bug in the engine and no other writer can get past it, and
            // the reads that run beside the booking loop (a provider's roster, the reminder scan,
            // a participant's bookings) must not scan every booking ever made.
            //
            // booking_active_offer is the ledger's rule as a constraint and the index of a
            // participant's active bookings. A booking names exactly one of courseId and slotId;
            // the empty string stands for the one it does not name, because a unique index counts
            // NULLs as distinct. booking_roster holds a course's active bookings by status and
            // waiting order.
            //
            // Both are partial, so cancelled bookings leave them: SQLite uses such an index only
            // for a query whose WHERE repeats `status <> 'cancelled'` word for word.
            try db.execute(sql: """
                CREATE UNIQUE INDEX booking_active_offer ON booking(participantId, ifnull(courseId, ''), ifnull(slotId, ''))
                    WHERE status <> 'cancelled';
                CREATE INDEX booking_roster ON booking(courseId, status, waitlistSeq)
                    WHERE courseId IS NOT NULL AND status <> 'cancelled';
                """)
        }
        migrator.registerMigration("v4-participant-links") { db in
            // Participants act on their bookings through signed links (docs/architecture.md,
            // "Personal links"): the keys that sign them, who cancelled a booking, each offer's
            // notice window, the organisations' contact details, and participants reachable by
            // phone or not at all. `participant.email` stays NOT NULL from v1; '' stands for none.
            // Bookings cancelled before this migration were cancelled by their centre, or by the
            // system when it erased the participant.
            try db.execute(sql: """
                CREATE TABLE linkKey (
                    id INTEGER PRIMARY KEY,
                    secret BLOB NOT NULL CHECK (length(secret) = 32),
                    createdAt INTEGER NOT NULL
                );
                ALTER TABLE organisation ADD COLUMN phone TEXT NOT NULL DEFAULT '';
                ALTER TABLE organisation ADD COLUMN email TEXT NOT NULL DEFAULT '';
                ALTER TABLE organisation ADD COLUMN address TEXT NOT NULL DEFAULT '';
                ALTER TABLE organisation ADD COLUMN openingHours TEXT NOT NULL DEFAULT '';
                ALTER TABLE participant ADD COLUMN phone TEXT;
                ALTER TABLE course ADD COLUMN cancelUntilHours INTEGER NOT NULL DEFAULT 24
                    CHECK (cancelUntilHours BETWEEN 0 AND 720);
                ALTER TABLE slot ADD COLUMN cancelUntilHours INTEGER NOT NULL DEFAULT 24
                    CHECK (cancelUntilHours BETWEEN 0 AND 720);
                ALTER TABLE booking ADD COLUMN cancelledBy TEXT
                    CHECK (cancelledBy IN ('participant', 'centre', 'provider', 'system'));
                UPDATE booking SET cancelledBy = CASE
                    WHEN participantId IN (SELECT id FROM participant WHERE erasedAt IS NOT NULL) THEN 'system'
                    ELSE 'centre' END
                WHERE status = 'cancelled';
                -- A centre sees who cancelled; only cancelled rows enter, so booking pays nothing.
                CREATE INDEX booking_cancelled ON booking(participantId, updatedAt) WHERE status = 'cancelled';
                """)
        }
        migrator.registerMigration("v5-attendance") { db in
            // Attendance per course session (docs/architecture.md, "Attendance"): a day's marks are
            // replaced until the teacher signs the day off; after that only corrections are added,
            // each keeping the mark it replaced. A booking at risk carries the time it became so;
            // a counselling booking its outcome; a released booking the provider's reason. Notices
            // tell a centre about its participants, with their consent to hear about attendance.
            try db.execute(sql: """
                CREATE TABLE attendanceDay (
                    courseId TEXT NOT NULL REFERENCES course(id),
                    date TEXT NOT NULL CHECK (date(date) = date),
                    recordedAt INTEGER NOT NULL,
                    recordedBy TEXT NOT NULL REFERENCES organisation(id),
                    signedOffAt INTEGER,
                    signedOffBy TEXT REFERENCES organisation(id),
                    PRIMARY KEY (courseId, date),
                    CHECK ((signedOffAt IS NULL) = (signedOffBy IS NULL))
                ) WITHOUT ROWID;
                CREATE TABLE attendanceMark (
                    courseId TEXT NOT NULL,
                    date TEXT NOT NULL,
                    bookingId TEXT NOT NULL REFERENCES booking(id),
                    code TEXT NOT NULL CHECK (code IN ('X', 'E', 'U', 'W', 'P')),
                    lateMinutes INTEGER CHECK (lateMinutes BETWEEN 0 AND 600),
                    earlyMinutes INTEGER CHECK (earlyMinutes BETWEEN 0 AND 600),
                    PRIMARY KEY (courseId, date, bookingId),
                    FOREIGN KEY (courseId, date) REFERENCES attendanceDay(courseId, date)
                ) WITHOUT ROWID;
                CREATE TABLE attendanceCorrection (
                    id INTEGER PRIMARY KEY,
                    courseId TEXT NOT NULL,
                    date TEXT NOT NULL,
                    bookingId TEXT NOT NULL REFERENCES booking(id),
                    code TEXT NOT NULL CHECK (code IN ('X', 'E', 'U', 'W', 'P')),
                    lateMinutes INTEGER CHECK (lateMinutes BETWEEN 0 AND 600),
                    earlyMinutes INTEGER CHECK (earlyMinutes BETWEEN 0 AND 600),
                    replacedCode TEXT CHECK (replacedCode IN ('X', 'E', 'U', 'W', 'P')),
                    replacedLateMinutes INTEGER,
                    replacedEarlyMinutes INTEGER,
                    reason TEXT NOT NULL,
                    recordedAt INTEGER NOT NULL,
                    recordedBy TEXT NOT NULL REFERENCES organisation(id),
                    FOREIGN KEY (courseId, date) REFERENCES attendanceDay(courseId, date)
                );
                CREATE INDEX attendanceCorrection_day ON attendanceCorrection(courseId, date);
                CREATE INDEX attendanceMark_booking ON attendanceMark(bookingId);
                ALTER TABLE booking ADD COLUMN atRiskSince INTEGER;
                ALTER TABLE booking ADD COLUMN attended INTEGER CHECK (attended IN (0, 1));
                ALTER TABLE booking ADD COLUMN cancelReason TEXT;
                ALTER TABLE participant ADD COLUMN attendanceConsent INTEGER NOT NULL DEFAULT 0
                    CHECK (attendanceConsent IN (0, 1));
                CREATE TABLE centreNotice (
                    id INTEGER PRIMARY KEY,
                    centreId TEXT NOT NULL REFERENCES organisation(id),
                    kind TEXT NOT NULL CHECK (kind IN ('booking.atRisk')),
                    bookingId TEXT NOT NULL REFERENCES booking(id),
                    participantId TEXT NOT NULL REFERENCES participant(id),
                    courseId TEXT REFERENCES course(id),
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX centreNotice_centre ON centreNotice(centreId, id);
                CREATE UNIQUE INDEX centreNotice_booking ON centreNotice(bookingId, kind);
                -- A centre's list of missed appointments; only those enter.
                CREATE INDEX booking_no_show ON booking(updatedAt) WHERE attended = 0;
                """)
        }
        migrator.registerMigration("v6-data-protection") { db in
            // docs/data-protection.md. Consent is recorded with its wording, language and who took
            // it; a position is kept rounded unless the centre chose exact. The audit trail names
            // who did or read what about whom, never the personal data itself. Idempotency answers
            // know their participant, so an erasure finds them, and refusals are no longer kept.
            // Erasure now also unlinks events and deletes mail rows: done here for those erased
            // before, and positions kept so far are rounded as new ones are. No index on participantId in event, outbox or idempotencyKey: each would
            // cost every booking a random index write, and erasures are rare and batched.
            try db.execute(sql: """
                ALTER TABLE participant ADD COLUMN consentWording TEXT;
                ALTER TABLE participant ADD COLUMN consentLanguage TEXT;
                ALTER TABLE participant ADD COLUMN consentRecordedBy TEXT REFERENCES organisation(id);
                ALTER TABLE participant ADD COLUMN consentRecordedByPerson TEXT;
                ALTER TABLE participant ADD COLUMN exactLocation INTEGER NOT NULL DEFAULT 0 CHECK (exactLocation IN (0, 1));
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    organisationId TEXT,
                    person TEXT,
                    action TEXT NOT NULL,
                    participantId TEXT,
                    subject TEXT,
                    address TEXT NOT NULL
                );
                CREATE INDEX audit_participant ON audit(participantId, id) WHERE participantId IS NOT NULL;
                CREATE INDEX audit_organisation ON audit(organisationId, id);
                CREATE INDEX audit_at ON audit(at);
                ALTER TABLE idempotencyKey ADD COLUMN participantId TEXT;
                UPDATE idempotencyKey SET participantId = json_extract(CAST(request AS TEXT), '$.participantId');
                DELETE FROM idempotencyKey WHERE bookingId IS NULL;
                -- Appended at its edge as keys come in, so it costs the booking path little.
                CREATE INDEX idempotencyKey_created ON idempotencyKey(createdAt);
                UPDATE participant SET lat = round(lat, 3), lon = round(lon, 3) WHERE erasedAt IS NULL;
                UPDATE event SET participantId = NULL, bookingId = NULL
                    WHERE participantId IN (SELECT id FROM participant WHERE erasedAt IS NOT NULL);
                DELETE FROM outbox WHERE participantId IN (SELECT id FROM participant WHERE erasedAt IS NOT NULL);
                DELETE FROM idempotencyKey WHERE participantId IN (SELECT id FROM participant WHERE erasedAt IS NOT NULL);
                """)
        }
        migrator.registerMigration("v7-staff-accounts") { db in
            // docs/security.md. Staff sign in as themselves; bearer tokens are for integrations,
            // with a name to list them by and an expiry. Tokens from before keep working, unnamed
            // and without expiry, until an admin revokes them.
            try db.execute(sql: """
                CREATE TABLE account (
                    id TEXT PRIMARY KEY NOT NULL,
                    organisationId TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
                    -- In bytes, as the API bounds text: a character may carry any number of marks.
                    name TEXT NOT NULL CHECK (length(name) >= 1 AND length(CAST(name AS BLOB)) <= 800),
                    role TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
                    passwordHash TEXT NOT NULL,
                    createdAt INTEGER NOT NULL
                );
                CREATE INDEX account_organisation ON account(organisationId);
                CREATE TABLE invitation (
                    hash BLOB PRIMARY KEY NOT NULL,
                    organisationId TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
                    createdBy TEXT REFERENCES account(id) ON DELETE SET NULL,
                    createdAt INTEGER NOT NULL,
                    expiresAt INTEGER NOT NULL CHECK (expiresAt > createdAt)
                );
                CREATE INDEX invitation_organisation ON invitation(organisationId);
                CREATE TABLE apiToken (
                    id TEXT PRIMARY KEY NOT NULL,
                    hash BLOB NOT NULL UNIQUE,
                    organisationId TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
                    name TEXT NOT NULL CHECK (length(name) >= 1 AND length(CAST(name AS BLOB)) <= 400),
                    createdAt INTEGER NOT NULL,
                    expiresAt INTEGER CHECK (expiresAt IS NULL OR expiresAt > createdAt),
                    createdBy TEXT REFERENCES account(id) ON DELETE SET NULL
                );
                CREATE INDEX apiToken_organisation ON apiToken(organisationId);
                INSERT INTO apiToken (id, hash, organisationId, name, createdAt)
                    SELECT 'tok_' || lower(hex(randomblob(10))), hash, organisationId, 'integration', createdAt FROM token;
                DROP TABLE token;
                """)
        }
        migrator.registerMigration("v8-withdrawn-offers") { db in
            // A withdrawn course or removed slot keeps its row: bookings and their mail name it.
            try db.execute(sql: """
                ALTER TABLE course ADD COLUMN withdrawnAt INTEGER;
                ALTER TABLE slot ADD COLUMN removedAt INTEGER;
                """)
        }
        return migrator
    }
}
