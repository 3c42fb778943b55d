import BookingEngine
import Foundation
import Logging
import Notifier
import SchedulingCore
import Store

/// What the routes work with: the booking engine for every change that touches seats or the people
/// who hold them, its published catalogue for offers and seats, the store's WAL readers for people
/// and bookings, and the calendars for sessions. No read waits for the engine.
public struct APIServices: Sendable {
    public let database: AppDatabase
    public let engine: BookingEngine
    public let calendars: HolidayCalendars
    /// Renders a booking's calendar entry the way its mail carries it.
    public let composer: MailComposer
    public let zone: CivilZone
    public let metrics: APIMetrics
    public let clock: @Sendable () -> Timestamp
    /// When a course booking's absences put it at risk; the city's choice.
    public let noShowRule: NoShowRule
    /// The bearer token `/metrics` asks for; without one, metrics are not served.
    public let metricsToken: String?
    /// Who did or read what about whom.
    public let audit: AuditTrail
    /// The one way participants are erased.
    public let erasure: Erasure
    package let tokens: TokenDirectory
    package let offers: OfferIndexCache
    /// Signed-in staff of the pages; here so that limits can tell a signed-in request.
    package let sessions: StaffSessions
    /// Reverse proxies besides this machine's whose `X-Forwarded-For` names the client.
    package let trustedProxies: Set<String>
    /// Requests a minute per address without credentials; `nil` for no limit.
    package let anonymousLimit: RateLimiter?
    /// Organisations with an allocation dry run under way: one at a time each, as a dry run is
    /// seconds of CPU that a double click or a script could multiply.
    package let dryRuns: OneAtATime

    public init(
        database: AppDatabase, engine: BookingEngine, composer: MailComposer, zone: CivilZone = .europeBerlin,
        metrics: APIMetrics = APIMetrics(), noShowRule: NoShowRule = .standard, mailFolder: MailFolder? = nil, metricsToken: String? = nil,
        secureCookies: Bool = true, anonymousRequestsPerMinute: Int = 0, trustedProxies: Set<String> = [],
        logger: Logger = Logger(label: "wegweiser"), clock: @escaping @Sendable () -> Timestamp
    ) {
        sessions = StaffSessions(secureCookies: secureCookies, clock: clock)
        anonymousLimit = anonymousRequestsPerMinute > 0 ? RateLimiter(limit: anonymousRequestsPerMinute, window: .seconds(60)) : nil
        dryRuns = OneAtATime()
        self.trustedProxies = trustedProxies
        self.metricsToken = metricsToken
        let audit = AuditTrail(database: database, clock: clock, logger: logger)
        self.audit = audit
        erasure = Erasure(database: database, engine: engine, mailFolder: mailFolder, audit: audit, logger: logger)
        self.noShowRule = noShowRule
        self.database = database
        self.engine = engine
        self.composer = composer
        self.calendars = composer.calendars
        self.zone = zone
        self.metrics = metrics
        self.clock = clock
        tokens = TokenDirectory(database: database, clock: clock)
        offers = OfferIndexCache()
    }

    /// Hands `command` to the booking engine; a refusal becomes the matching problem answer.
    package func submit(_ command: LedgerCommand) async throws -> LedgerDecision {
        let decision = try await engine.submit(command)
        if case .rejected(let rejection) = decision { throw APIError(rejection) }
        // Every case named: a new command that changes offers must say so here.
        switch command {
        case .putCourse, .putSlot, .putOffers, .removeSlot, .putLocation, .changeCourse, .withdrawCourse: offers.invalidate()
        case .book, .cancel, .reschedule, .release, .changeCapacity, .eraseParticipant, .eraseIdleParticipant, .applyAllocation, .allocate,
             .putParticipant, .putParticipants, .forgetReplays:
            break
        }
        return decision
    }

    /// Erases participant `id` of `caller` (`Erasure`). Someone already erased is erased again in
    /// so far as anything is left to do (`Erasure.finish`).
    package func erase(_ id: String, for caller: Organisation, by actor: AuditActor) async throws {
        do {
            if let participant = try await database.participant(id: id) {
                guard caller.kind == .admin || participant.centreId == caller.id else { throw APIError.notFound("participant", id) }
                guard try await erasure.erase([participant.id], by: actor) == 1 else { throw APIError.notFound("participant", id) }
            } else {
                guard let centreId = try await database.erasedParticipantCentre(id: id), caller.kind == .admin || centreId == caller.id else {
                    throw APIError.notFound("participant", id)
                }
                try await erasure.finish([id])
            }
        } catch is ErasureLogNotTruncated {
            throw APIError(
                .serviceUnavailable, "erasure-unfinished",
                detail: "The participant is erased, but the database's log still holds their old data while another process reads it; send the same DELETE again in a minute.")
        }
    }

    /// A participant the calling centre may see: its own (any for an administrator), not erased.
    package func participant(_ id: String, for caller: Organisation) async throws -> Participant {
        guard let participant = try await database.participant(id: id),
              caller.kind == .admin || participant.centreId == caller.id else {
            throw APIError.notFound("participant", id)
        }
        return participant
    }

    /// A booking whose participant the calling centre may see.
    package func booking(_ id: String, for caller: Organisation) async throws -> (Booking, waitlistPosition: Int?) {
        let line = try await bookingLine(id, for: caller)
        return (line.booking, line.waitlistPosition)
    }

    /// A booking whose participant the calling centre may see, with its attendance facts.
    package func bookingLine(_ id: String, for caller: Organisation) async throws -> BookingLine {
        guard let line = try await database.bookingLine(id: id), caller.kind == .admin || line.centreId == caller.id else {
            throw APIError.notFound("booking", id)
        }
        return line
    }

    /// The offers and seats as of the last durable booking.
    package var catalogue: CatalogueSnapshot { engine.catalogue }

    /// What ranking needs of a participant now: the times of the confirmed ones of `bookings`.
    package func eligibilityContext(of bookings: [BookingLine], in catalogue: CatalogueSnapshot) -> EligibilityContext {
        catalogue.eligibilityContext(
            confirmedOffers: bookings.lazy.filter { $0.booking.status == .confirmed }.map(\.booking.offer), now: now())
    }

    package func now() -> Timestamp { clock() }

    /// A published course whose attendance `caller` keeps (records, signs off, corrects, releases
    /// seats of): its own provider's only; administrators read it. Another provider's is 404.
    package func courseForAttendance(_ id: String, keptBy caller: Organisation) throws -> Course {
        let course = try courseForAttendance(id, readBy: caller)
        guard caller.kind == .provider else {
            throw APIError.forbidden("Only the course's provider keeps its attendance; administrators may read it.")
        }
        return course
    }

    /// A published course whose attendance `caller` may read: its provider, or an administrator.
    package func courseForAttendance(_ id: String, readBy caller: Organisation) throws -> Course {
        guard let course = catalogue.courseWithLocation(id: id)?.course,
              caller.kind == .admin || course.providerId == caller.id else { throw APIError.notFound("course", id) }
        return course
    }

    /// Records whether the participant came to the counselling appointment of `line`: only a
    /// confirmed appointment that has begun has an outcome.
    package func recordOutcome(of line: BookingLine, attended: Bool) async throws {
        guard case .slot(let slotId) = line.booking.offer, let slot = catalogue.slot(id: slotId) else {
            throw APIError.conflict("not-an-appointment", "Only a counselling appointment has an outcome; courses keep attendance.")
        }
        guard line.booking.status == .confirmed else {
            throw APIError.conflict("not-confirmed", "The appointment is \(line.booking.status.rawValue); only a confirmed one has an outcome.")
        }
        guard now() >= slot.start else {
            throw APIError.conflict("appointment-not-begun", "The appointment begins at \(zone.rfc3339(slot.start)); record its outcome after that.")
        }
        guard try await database.recordOutcome(bookingId: line.booking.id, attended: attended) else {
            throw APIError.conflict("booking-changed", "The booking \(line.booking.id) changed in the meantime; nothing was recorded.")
        }
    }

    /// Releases the at-risk seat `bookingId` of a course `caller` keeps the attendance of, through
    /// the booking engine; the participant is told `reason`.
    package func release(_ bookingId: String, reason: String, by caller: Organisation) async throws -> Booking {
        guard let line = try await database.bookingLine(id: bookingId), case .course(let courseId) = line.booking.offer,
              let course = catalogue.course(id: courseId), caller.kind == .admin || course.providerId == caller.id else {
            throw APIError.notFound("booking", bookingId)
        }
        _ = try courseForAttendance(courseId, keptBy: caller)
        // Read beside the engine: a correction that clears the risk in the same instant may lose
        // the race, as a centre's cancel would.
        guard line.booking.status == .confirmed, line.atRisk else {
            throw APIError.conflict(
                "not-at-risk",
                "Only a confirmed seat whose absences broke the no-show rule can be released; this booking is \(line.booking.status == .confirmed ? "not at risk" : line.booking.status.rawValue).")
        }
        guard case .booking(let released, _) = try await submit(.release(bookingId: bookingId, reason: reason)) else {
            throw APIError(.internalServerError, "internal-error", detail: "The booking engine gave an unexpected answer.")
        }
        return released
    }

    /// A session date of `course` as a path names it, on which attendance may be kept: one of its
    /// session dates, not in the future.
    package func attendanceDate(_ text: String, of course: Course) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw APIError.invalid(field: "date", "must be a date YYYY-MM-DD") }
        let today = zone.local(now()).date
        if let refusal = CourseSessions.attendanceRefusal(for: date, of: course, calendars: calendars, today: today) {
            throw APIError.invalid(field: "date", refusal)
        }
        return date
    }

    /// Runs a batch allocation through the engine, or, for a dry run, solves it on the ledger as
    /// the disk has it without reaching the engine: a preview must not hold up bookings. A second
    /// dry run of `organisationId` while one is under way is refused (429).
    package func allocate(_ allocation: AllocationRequest, for organisationId: String) async throws -> AllocationOutcome {
        let decision: LedgerDecision
        if allocation.dryRun {
            guard dryRuns.claim(organisationId) else {
                throw APIError.tooManyRequests("A dry run of this organisation is under way; see its result first.", retryAfter: 5)
            }
            defer { dryRuns.release(organisationId) }
            var ledger = try await database.loadLedger(zone: zone)
            let now = now()
            // Solving is CPU work of up to seconds: off the request's event loop.
            decision = await Task.detached { ledger.apply(.allocate(allocation), now: now).0 }.value
        } else {
            decision = try await submit(.allocate(allocation))
        }
        guard case .allocation(let outcome) = decision else {
            throw APIError(.internalServerError, "internal-error", detail: "The booking engine gave an unexpected answer.")
        }
        return outcome
    }
}

extension APIError {
    /// The engine's refusals in API terms: conflicts are 409, broken rules 422, unknown ids 404.
    init(_ rejection: LedgerRejection) {
        switch rejection {
        case .unknownParticipant(let id): self = .notFound("participant", id)
        case .unknownOffer(let offer):
            switch offer {
            case .course(let id): self = .notFound("course", id)
            case .slot(let id): self = .notFound("slot", id)
            }
        case .unknownBooking(let id): self = .notFound("booking", id)
        case .slotTaken(let slotId): self = .conflict("slot-taken", "The slot \(slotId) is taken.")
        case .alreadyBooked(let bookingId):
            self = .conflict("already-booked", "The participant already holds the active booking \(bookingId) for this offer.")
        case .notEligible(let rules):
            self = APIError(
                .unprocessableContent, "not-eligible",
                detail: "Not eligible: " + rules.map { "\($0.rawValue) (\($0.explanation))" }.joined(separator: "; "),
                errors: rules.map { FieldError(field: "participantId", message: "\($0.rawValue): \($0.explanation)") })
        case .capacityBelowConfirmed(let confirmed):
            self = .conflict("capacity-below-confirmed", "The course already has \(confirmed) confirmed seats; capacity cannot go below that.")
        case .invalidCapacity(let capacity):
            self = .invalid(
                field: "capacity",
                "must be between \(CourseInput.capacityRange.lowerBound) and \(CourseInput.capacityRange.upperBound), not \(capacity)")
        case .idempotencyKeyReused:
            self = .conflict("idempotency-key-reused", "This Idempotency-Key was used before for a different request.")
        case .noticeWindowPassed(let deadline):
            self = .conflict(
                "notice-window-passed",
                "Participants could change this booking themselves until \(CivilZone.europeBerlin.rfc3339(deadline)); now only their centre can.")
        case .bookingChanged(let id):
            self = .conflict("booking-changed", "The booking \(id) changed in the meantime; nothing was done.")
        case .rescheduleRefused(let reason):
            self = .conflict("reschedule-refused", "The booking cannot be moved: \(reason).")
        case .notIdle(let id):
            self = .conflict("participant-active", "Something went on for participant \(id) within the retention period; they are kept.")
        case .notReleasable(let id):
            self = .conflict("not-releasable", "The booking \(id) is not a confirmed seat in a course; only those can be released.")
        case .idTaken(let id):
            self = .conflict("id-taken", "The id \(id) is taken already; nothing of this batch was stored.")
        case .courseBegun(let id, let startDate):
            self = .conflict("course-begun", "The course \(id) began on \(startDate); its participants keep their seats, so it cannot be withdrawn.")
        case .placementRejected(let placement, let reason):
            self = .conflict("placement-rejected", "\(placement.participantId) → \(placement.courseId): \(reason)")
        }
    }
}
