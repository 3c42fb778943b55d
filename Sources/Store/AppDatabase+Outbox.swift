import GRDB
import SchedulingCore

extension AppDatabase {
    /// Pending mails whose time has come, oldest first. A row stays pending until it is marked,
    /// so mails claimed before a crash are simply found again after the restart.
    public func dueMail(now: Timestamp, limit: Int = 100) async throws -> [OutboxEntry] {
        try await read { db in
            try OutboxEntry
                .filter(Column("status") == OutboxEntry.Status.pending.rawValue && Column("nextAttemptAt") <= now.secondsSinceEpoch)
                .order(Column("nextAttemptAt"), Column("id"))
                .limit(limit)
                .fetchAll(db)
        }
    }

    /// Records what became of a group of mails, in one transaction. Answers the mails sent whose
    /// row is gone or no longer pending: their person was erased while they were on their way, so
    /// what the transport kept of them (a file) must go too.
    @discardableResult
    public func record(_ outcomes: [(id: Int64, outcome: MailOutcome)], now: Timestamp) async throws -> [Int64] {
        guard !outcomes.isEmpty else { return [] }
        return try await write { db in
            var orphans: [Int64] = []
            let sent = try db.cachedStatement(sql: """
                UPDATE outbox SET status = 'sent', attempts = attempts + 1, sentAt = ?, lastError = NULL
                WHERE id = ? AND status = 'pending'
                """)
            let retry = try db.cachedStatement(sql: """
                UPDATE outbox SET attempts = attempts + 1, lastError = ?, nextAttemptAt = ? WHERE id = ? AND status = 'pending'
                """)
            let ended = try db.cachedStatement(sql: """
                UPDATE outbox SET status = ?, attempts = attempts + ?, lastError = ? WHERE id = ? AND status = 'pending'
                """)
            for (id, outcome) in outcomes {
                switch outcome {
                case .sent:
                    try sent.execute(arguments: [now.secondsSinceEpoch, id])
                    if db.changesCount == 0 { orphans.append(id) }
                case .retry(let error, let at):
                    try retry.execute(arguments: [error, at.secondsSinceEpoch, id])
                case .failed(let error):
                    try ended.execute(arguments: [OutboxEntry.Status.failed.rawValue, 1, error, id])
                case .dropped(let reason):
                    try ended.execute(arguments: [OutboxEntry.Status.dropped.rawValue, 0, reason, id])
                }
            }
            return orphans
        }
    }

    /// Mails by status (all when `nil`) in id order, after `afterId`; only those to one advice
    /// centre's participants when `centreId` is given. For `GET /v1/notifications`.
    public func mail(
        status: OutboxEntry.Status?, centreId: String? = nil, afterId: Int64 = 0, limit: Int? = nil
    ) async throws -> [OutboxEntry] {
        try await read { db in
            var request = OutboxEntry.filter(Column("id") > afterId)
            if let status { request = request.filter(Column("status") == status.rawValue) }
            if let centreId {
                request = request.filter(sql: "participantId IN (SELECT id FROM participant WHERE centreId = ?)", arguments: [centreId])
            }
            request = request.order(Column("id"))
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// How many mails wait to be sent, for `/metrics`.
    public func pendingMailCount() async throws -> Int {
        try await read { db in try OutboxEntry.filter(Column("status") == OutboxEntry.Status.pending.rawValue).fetchCount(db) }
    }
}

/// What became of one attempt to send an outbox row.
public enum MailOutcome: Sendable, Equatable {
    /// The server took the mail.
    case sent
    /// Not now (a 4xx reply or a network error): try again at the given time.
    case retry(error: String, at: Timestamp)
    /// Refused for good (a 5xx reply, or a row that cannot become a mail).
    case failed(error: String)
    /// No longer worth sending (a reminder for a booking cancelled since, or an offer begun).
    case dropped(reason: String)
}

/// Everything one mail says, read in one transaction: the booking, the participant, their advice
/// centre with its contact details, the offer and its place.
public struct MailFacts: Sendable {
    public enum BookedOffer: Sendable {
        case course(Course)
        case slot(Slot)
    }

    public let booking: Booking
    public let participant: Participant
    /// The advice centre that registered the participant: whom they call.
    public let centre: Organisation
    public let offer: BookedOffer
    public let location: Location
    /// Why the provider released the seat, for the mail that says so.
    public let releaseReason: String?
}

extension AppDatabase {
    /// The facts of many mails in one read transaction, in the order asked: the notifier reads a
    /// whole round at once instead of opening a transaction per mail.
    public func mailFacts(for mails: [(bookingId: String, participantId: String)]) throws -> [MailFacts?] {
        try read { db in try Self.mailFacts(db, for: mails) }
    }

    /// The facts of a mail about `bookingId` to `participantId`; `nil` when the booking, the
    /// participant (erased), the offer or its location is gone. Suspends instead of blocking, for
    /// request handlers.
    public func mailFacts(bookingId: String, participantId: String) async throws -> MailFacts? {
        try await read { db in try Self.mailFacts(db, for: [(bookingId, participantId)])[0] }
    }

    /// What a participant's own page shows of a booking: its mail facts and its place in line;
    /// `nil` when the booking or the participant (erased) is gone.
    public func bookingFacts(bookingId: String) async throws -> (facts: MailFacts, waitlistPosition: Int?)? {
        try await read { db in
            guard let line = try Self.bookingLines(db, where: "b.id = ?", bookingId).first,
                  let facts = try Self.mailFacts(db, for: [(bookingId, line.booking.participantId)])[0] else { return nil }
            return (facts, line.waitlistPosition)
        }
    }

    private static func mailFacts(_ db: Database, for mails: [(bookingId: String, participantId: String)]) throws -> [MailFacts?] {
        try mails.map { bookingId, participantId -> MailFacts? in
            guard let record = try BookingRecord.find(db, id: bookingId),
                  let participant = try ParticipantRecord.findPresent(db, id: participantId)?.model()
            else { return nil }
            let booking = try record.model()
            guard let centre = try OrganisationRecord.find(db, id: participant.centreId)?.model() else { return nil }
            let offer: MailFacts.BookedOffer
            let locationId: String
            switch booking.offer {
            case .course(let id):
                guard let course = try CourseRecord.find(db, id: id)?.model() else { return nil }
                (offer, locationId) = (.course(course), course.locationId)
            case .slot(let id):
                guard let slot = try SlotRecord.find(db, id: id)?.model() else { return nil }
                (offer, locationId) = (.slot(slot), slot.locationId)
            }
            guard let location = try LocationRecord.find(db, id: locationId)?.model() else { return nil }
            return MailFacts(
                booking: booking, participant: participant, centre: centre, offer: offer, location: location,
                releaseReason: record.cancelReason)
        }
    }
}
