import HTTPTypes
import Hummingbird
import SchedulingCore
import Store

/// Bookings: made and cancelled by the participant's advice centre through the booking engine.
struct BookingRoutes {
    let services: APIServices

    struct BookingInput: Decodable {
        var participantId: String?
        var courseId: String?
        var slotId: String?
    }

    struct OutcomeInput: Decodable {
        var attended: Bool?
    }

    static let maximumKeyLength = 200

    func add(to router: Router<APIRequestContext>) {
        router.post("/v1/bookings") { request, context in
            let caller = try context.require(.adviceCentre)
            let input = try await JSONBody.decode(BookingInput.self, from: request)
            let bookingRequest = try Self.request(input, key: request.headers[.idempotencyKey], caller: caller)
            let decision: LedgerDecision
            do {
                decision = try await services.submit(.book(bookingRequest))
            } catch let error as APIError {
                services.metrics.booking(decision: error.slug)
                throw error
            }
            guard case .booking(let booking, let position) = decision else {
                throw APIError(.internalServerError, "internal-error", detail: "The booking engine gave an unexpected answer.")
            }
            services.metrics.booking(decision: booking.status.rawValue)
            services.audit.record(.bookingCreated, by: context.actor, participantId: booking.participantId, subject: booking.id)
            return JSONResponse.make(json: BookingView(booking, waitlistPosition: position, zone: services.zone).json, status: .created)
        }

        router.get("/v1/bookings/:id") { _, context in
            let caller = try context.require(.adviceCentre)
            let line = try await services.bookingLine(try context.parameters.require("id"), for: caller)
            services.audit.record(.bookingRead, by: context.actor, participantId: line.booking.participantId, subject: line.booking.id)
            return try JSONResponse.make(BookingView(line, zone: services.zone))
        }

        router.post("/v1/bookings/:id/outcome") { request, context in
            let caller = try context.require(.adviceCentre)
            let line = try await services.bookingLine(try context.parameters.require("id"), for: caller)
            let input = try await JSONBody.decode(OutcomeInput.self, from: request)
            guard let attended = input.attended else { throw APIError.invalid(field: "attended", "is required: true or false") }
            try await services.recordOutcome(of: line, attended: attended)
            services.audit.record(.outcomeRecorded, by: context.actor, participantId: line.booking.participantId, subject: line.booking.id)
            return try JSONResponse.make(BookingView(try await services.bookingLine(line.booking.id, for: caller), zone: services.zone))
        }

        router.post("/v1/bookings/:id/release") { request, context in
            let caller = try context.require(.provider)
            let id = try context.parameters.require("id")
            let reason = try await JSONBody.decode(ReleaseInput.self, from: request).validated()
            let released = try await services.release(id, reason: reason, by: caller)
            services.audit.record(.bookingReleased, by: context.actor, participantId: released.participantId, subject: released.id)
            return try JSONResponse.make(BookingView(released, waitlistPosition: nil, zone: services.zone))
        }

        router.delete("/v1/bookings/:id") { _, context in
            let caller = try context.require(.adviceCentre)
            let (booking, _) = try await services.booking(try context.parameters.require("id"), for: caller)
            guard booking.status != .cancelled else {
                return try JSONResponse.make(BookingView(booking, waitlistPosition: nil, zone: services.zone))
            }
            guard case .booking(let cancelled, _) = try await services.submit(.cancel(bookingId: booking.id, by: .centre)) else {
                throw APIError(.internalServerError, "internal-error", detail: "The booking engine gave an unexpected answer.")
            }
            services.audit.record(.bookingCancelled, by: context.actor, participantId: cancelled.participantId, subject: cancelled.id)
            return try JSONResponse.make(BookingView(cancelled, waitlistPosition: nil, zone: services.zone))
        }

        router.get("/v1/bookings/:id/calendar.ics") { _, context in
            let caller = try context.require(.adviceCentre)
            let (booking, _) = try await services.booking(try context.parameters.require("id"), for: caller)
            guard let participant = try await services.database.participant(id: booking.participantId) else {
                throw APIError.notFound("booking", booking.id)
            }
            services.audit.record(.bookingRead, by: context.actor, participantId: participant.id, subject: booking.id)
            guard let text = try await services.composer.calendar(for: booking, participant: participant) else {
                throw APIError.conflict("waitlisted", "The booking waits for a seat; it gets its calendar entry once confirmed.")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    /// Checks the body and the optional `Idempotency-Key`; a centre books for its own participants only.
    static func request(_ input: BookingInput, key: String?, caller: Organisation) throws -> BookingRequest {
        var errors: [FieldError] = []
        let participantId = input.participantId ?? ""
        if participantId.isEmpty { errors.append(FieldError(field: "participantId", message: "is required")) }
        let offer: OfferRef?
        switch (input.courseId, input.slotId) {
        case (let course?, nil) where !course.isEmpty: offer = .course(course)
        case (nil, let slot?) where !slot.isEmpty: offer = .slot(slot)
        case (nil, nil):
            offer = nil
            errors.append(FieldError(field: "courseId", message: "name a courseId or a slotId"))
        default:
            offer = nil
            errors.append(FieldError(field: "slotId", message: "name either a courseId or a slotId, not both"))
        }
        var idempotencyKey: IdempotencyKey?
        if let key {
            guard !key.isEmpty, key.count <= maximumKeyLength, key.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value < 0x7F }) else {
                throw APIError.badRequest(
                    "Idempotency-Key must be 1 to \(maximumKeyLength) visible ASCII characters.",
                    errors: [FieldError(field: "Idempotency-Key", message: "must be 1 to \(maximumKeyLength) visible ASCII characters")])
            }
            idempotencyKey = IdempotencyKey(organisationId: caller.id, key: key)
        }
        guard errors.isEmpty, let offer else { throw APIError.invalid(ValidationFailure(errors)) }
        return BookingRequest(
            bookingId: Identifier.timeOrdered(prefix: "bkg"), participantId: participantId, offer: offer,
            idempotencyKey: idempotencyKey, centreId: caller.kind == .admin ? nil : caller.id)
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
