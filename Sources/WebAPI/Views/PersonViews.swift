import NIOCore
import SchedulingCore
import Store

/// A booking as its advice centre sees it.
struct BookingView: Encodable {
    let id, participantId, status, createdAt, updatedAt: String
    let courseId, slotId: String?
    /// `participant`, `centre`, `provider` or `system`, once cancelled.
    let cancelledBy: String?
    let waitlistPosition: Int?
    /// Raised with every change; the calendar entry's SEQUENCE.
    let sequence: Int
    /// A confirmed course seat whose absences broke the no-show rule.
    let atRisk: Bool
    /// For a counselling appointment, once the centre recorded whether the participant came.
    let attended: Bool?

    /// As the participant's centre sees it: at risk only if the participant agreed to it being told.
    init(_ line: BookingLine, zone: CivilZone) {
        self.init(
            line.booking, waitlistPosition: line.waitlistPosition, zone: zone, atRisk: line.atRisk && line.attendanceShared,
            attended: line.attended)
    }

    init(_ booking: Booking, waitlistPosition: Int?, zone: CivilZone, atRisk: Bool = false, attended: Bool? = nil) {
        self.atRisk = atRisk && booking.status == .confirmed
        self.attended = attended
        id = booking.id
        participantId = booking.participantId
        status = booking.status.rawValue
        createdAt = zone.rfc3339(booking.createdAt)
        updatedAt = zone.rfc3339(booking.updatedAt)
        switch booking.offer {
        case .course(let id): (courseId, slotId) = (id, nil)
        case .slot(let id): (courseId, slotId) = (nil, id)
        }
        self.waitlistPosition = booking.status == .waitlisted ? waitlistPosition : nil
        sequence = booking.sequence
        cancelledBy = booking.cancelledBy?.rawValue
    }

    /// The same bytes as `JSONResponse` would encode, written by hand: this answers every booking.
    var json: ByteBuffer {
        var writer = JSONObjectWriter()
        writer.add("atRisk", atRisk)
        writer.add("attended", attended)
        writer.add("cancelledBy", cancelledBy)
        writer.add("courseId", courseId)
        writer.add("createdAt", createdAt)
        writer.add("id", id)
        writer.add("participantId", participantId)
        writer.add("sequence", sequence)
        writer.add("slotId", slotId)
        writer.add("status", status)
        writer.add("updatedAt", updatedAt)
        writer.add("waitlistPosition", waitlistPosition)
        return writer.finish()
    }
}

/// A participant with their active bookings; only ever shown to their own advice centre.
struct ParticipantView: Encodable {
    struct NeedsView: Encodable {
        let womenOnly, childcare, stepFree: Bool
    }

    let id, centreId, name, preferredLanguage, gender, district, level, registeredAt: String
    /// Either may be missing: a centre may register someone by phone, or with no contact at all.
    let email, phone: String?
    let languages, availability: [String]
    /// Rounded to about 100 m unless `exactLocation`.
    let lat, lon: Double
    let exactLocation: Bool
    let needs: NeedsView
    let consent: ConsentView
    /// Whether their centre hears from course providers when they stop coming.
    let attendanceConsent: Bool
    let bookings: [BookingView]

    init(_ participant: Participant, bookings: [BookingView], zone: CivilZone) {
        id = participant.id
        centreId = participant.centreId
        name = participant.name
        email = participant.email
        phone = participant.phone
        preferredLanguage = participant.preferredLanguage.code
        languages = participant.languages.map(\.code)
        gender = participant.gender.rawValue
        district = participant.district
        lat = participant.coordinate.latitude
        lon = participant.coordinate.longitude
        exactLocation = participant.exactLocation
        consent = ConsentView(participant.consent, zone: zone)
        level = participant.level.rawValue
        needs = NeedsView(womenOnly: participant.needs.womenOnly, childcare: participant.needs.childcare, stepFree: participant.needs.stepFree)
        availability = DayPart.allCases.filter(participant.availability.contains).map(\.rawValue)
        registeredAt = zone.rfc3339(participant.registeredAt)
        attendanceConsent = participant.sharesAttendance
        self.bookings = bookings
    }
}

/// How consent was given. Registrations from before consent was recorded in full show every
/// field but `given` as null.
struct ConsentView: Encodable {
    let given = true
    let givenAt, wordingVersion, language, recordedBy, recordedByPerson: String?

    init(_ record: ConsentRecord?, zone: CivilZone) {
        givenAt = record.map { zone.rfc3339($0.givenAt) }
        wordingVersion = record?.wordingVersion
        language = record?.language.code
        recordedBy = record?.recordedBy
        recordedByPerson = record?.recordedByPerson
    }

    enum CodingKeys: String, CodingKey {
        case given, givenAt, wordingVersion, language, recordedBy, recordedByPerson
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(given, forKey: .given)
        try container.encode(givenAt, forKey: .givenAt)
        try container.encode(wordingVersion, forKey: .wordingVersion)
        try container.encode(language, forKey: .language)
        try container.encode(recordedBy, forKey: .recordedBy)
        try container.encode(recordedByPerson, forKey: .recordedByPerson)
    }
}

/// A notice to an advice centre about one of its participants.
struct CentreNoticeView: Encodable {
    let id, kind, bookingId, participantId, createdAt: String
    let courseId: String?

    init(_ notice: CentreNotice, zone: CivilZone) {
        id = String(notice.id)
        kind = notice.kind
        bookingId = notice.bookingId
        participantId = notice.participantId
        courseId = notice.courseId
        createdAt = zone.rfc3339(notice.createdAt)
    }
}

/// One mail of the outbox.
struct NotificationView: Encodable {
    let id: String
    let bookingId, participantId, kind, status, createdAt: String
    let attempts: Int
    let lastError: String?
    let nextAttemptAt: String?
    let sentAt: String?

    private enum CodingKeys: String, CodingKey {
        case id, bookingId, participantId, kind, status, createdAt, attempts, lastError, nextAttemptAt, sentAt
    }

    /// `lastError` is always present (null when there is none), as docs/api.md lists it.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(bookingId, forKey: .bookingId)
        try container.encode(participantId, forKey: .participantId)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(attempts, forKey: .attempts)
        try container.encode(lastError, forKey: .lastError)
        try container.encodeIfPresent(nextAttemptAt, forKey: .nextAttemptAt)
        try container.encodeIfPresent(sentAt, forKey: .sentAt)
    }

    init(_ entry: OutboxEntry, zone: CivilZone) {
        id = String(entry.id)
        bookingId = entry.bookingId
        participantId = entry.participantId
        kind = entry.kind
        status = entry.status.rawValue
        attempts = entry.attempts
        lastError = entry.lastError
        createdAt = zone.rfc3339(Timestamp(secondsSinceEpoch: entry.createdAt))
        nextAttemptAt = entry.status == .pending ? zone.rfc3339(Timestamp(secondsSinceEpoch: entry.nextAttemptAt)) : nil
        sentAt = entry.sentAt.map { zone.rfc3339(Timestamp(secondsSinceEpoch: $0)) }
    }
}
