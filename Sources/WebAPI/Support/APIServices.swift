import BookingEngine
import Foundation
import Notifier
import SchedulingCore
import Store

/// What the routes work with: the store for reads, the booking engine for every change that
/// touches seats or the people who hold them, and the calendars for sessions.
public struct APIServices: Sendable {
    public let database: AppDatabase
    public let engine: BookingEngine
    public let calendars: HolidayCalendars
    /// Renders a booking's calendar entry the way its mail carries it.
    public let composer: MailComposer
    public let zone: CivilZone
    public let metrics: APIMetrics
    public let clock: @Sendable () -> Timestamp
    package let tokens: TokenDirectory
    package let offers: OfferIndexCache

    public init(
        database: AppDatabase, engine: BookingEngine, composer: MailComposer, zone: CivilZone = .europeBerlin,
        metrics: APIMetrics = APIMetrics(), clock: @escaping @Sendable () -> Timestamp
    ) {
        self.database = database
        self.engine = engine
        self.composer = composer
        self.calendars = composer.calendars
        self.zone = zone
        self.metrics = metrics
        self.clock = clock
        tokens = TokenDirectory(database: database)
        offers = OfferIndexCache()
    }

    /// Hands `command` to the booking engine; a refusal becomes the matching problem answer.
    package func submit(_ command: LedgerCommand) async throws -> LedgerDecision {
        let decision = try await engine.submit(command)
        if case .rejected(let rejection) = decision { throw APIError(rejection) }
        switch command {
        case .putCourse, .putSlot, .changeCourse: offers.invalidate()
        default: break
        }
        return decision
    }

    /// A participant the calling centre may see: its own (any for an administrator), not erased.
    package func participant(_ id: String, for caller: Organisation) async throws -> Participant {
        guard let participant = await engine.read({ $0.participant(id: id) }),
              caller.kind == .admin || participant.centreId == caller.id else {
            throw APIError.notFound("participant", id)
        }
        return participant
    }

    /// A booking whose participant the calling centre may see.
    package func booking(_ id: String, for caller: Organisation) async throws -> (Booking, waitlistPosition: Int?) {
        let found = await engine.read { ledger -> (Booking, Int?, String?)? in
            guard let booking = ledger.booking(id: id) else { return nil }
            return (booking, ledger.waitlistPosition(bookingId: id), ledger.participant(id: booking.participantId)?.centreId)
        }
        guard let (booking, position, centreId) = found, caller.kind == .admin || centreId == caller.id else {
            throw APIError.notFound("booking", id)
        }
        return (booking, position)
    }

    package func now() -> Timestamp { clock() }
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
        case .placementRejected(let placement, let reason):
            self = .conflict("placement-rejected", "\(placement.participantId) → \(placement.courseId): \(reason)")
        }
    }
}
