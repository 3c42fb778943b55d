import Hummingbird
import SchedulingCore
import Store

/// Participants: registered with consent by an advice centre, seen only by it, erased on request.
struct ParticipantRoutes {
    let services: APIServices

    func add(to router: Router<APIRequestContext>) {
        router.post("/v1/participants") { request, context in
            let caller = try context.require(.adviceCentre)
            var input = try await JSONBody.decode(ParticipantInput.self, from: request)
            // Registration time counts toward first come, first served: the server sets it.
            input.registeredAt = nil
            let participant = try input.validated(
                id: Identifier.timeOrdered(prefix: "par"), centreId: caller.id, now: services.now(), recordedByPerson: context.callerPerson)
            _ = try await services.submit(.putParticipant(participant))
            services.audit.record(.participantCreated, by: context.actor, participantId: participant.id)
            return try JSONResponse.make(ParticipantView(participant, bookings: [], zone: services.zone), status: .created)
        }

        router.get("/v1/participants/:id") { _, context in
            let caller = try context.require(.adviceCentre)
            let participant = try await services.participant(try context.parameters.require("id"), for: caller)
            let bookings = try await services.database.activeBookings(participantId: participant.id)
            services.audit.record(.participantRead, by: context.actor, participantId: participant.id)
            return try JSONResponse.make(ParticipantView(
                participant, bookings: bookings.map { BookingView($0, zone: services.zone) },
                zone: services.zone))
        }

        router.delete("/v1/participants/:id") { _, context in
            let caller = try context.require(.adviceCentre)
            try await services.erase(try context.parameters.require("id"), for: caller, by: context.actor)
            return Response(status: .noContent)
        }

        router.get("/v1/participants/:id/matches") { request, context in
            let caller = try context.require(.adviceCentre)
            let participant = try await services.participant(try context.parameters.require("id"), for: caller)
            services.audit.record(.matchesRead, by: context.actor, participantId: participant.id)
            let query = QueryValues(request: request)
            let kind = try query.choice("type", OfferKind.self) ?? .course
            var limit = 10
            if let text = query.string("limit") {
                guard let value = Int(text), (1...Pagination.maximumLimit).contains(value) else {
                    throw APIError.invalid(field: "limit", "must be a whole number from 1 to \(Pagination.maximumLimit)")
                }
                limit = value
            }
            let english = query.string("lang") == "en"
            let catalogue = services.catalogue
            let index = services.offers.index(of: catalogue)
            let bookings = try await services.database.activeBookings(participantId: participant.id)
            let context = services.eligibilityContext(of: bookings, in: catalogue)
            let matches = index.rank(
                participant: participant, kind: kind, context: context, limit: limit, freeSeats: catalogue.freeSeats)
            return try JSONResponse.make(MatchList(participantId: participant.id, matches: matches.map { MatchView($0, english: english) }))
        }
    }
}

struct MatchView: Encodable {
    let courseId, slotId: String?
    let score, distanceKm: Double
    let full: Bool
    /// Why it ranks where it does, in German (or English with `?lang=en`).
    let reasons: [String]
    let reasonCodes: [String]

    init(_ match: Match, english: Bool) {
        switch match.offer {
        case .course(let id): (courseId, slotId) = (id, nil)
        case .slot(let id): (courseId, slotId) = (nil, id)
        }
        score = (match.score * 100).rounded() / 100
        distanceKm = (match.distanceKm * 10).rounded() / 10
        full = match.full
        reasons = match.reasons.map { english ? $0.english : $0.german }
        reasonCodes = match.reasons.map(\.code.rawValue)
    }
}

struct MatchList: Encodable {
    let participantId: String
    let matches: [MatchView]
}
