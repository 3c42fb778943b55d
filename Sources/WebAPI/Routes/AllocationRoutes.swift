import Hummingbird
import SchedulingCore
import Store

/// `POST /v1/allocations`: places waiting participants into courses with free seats, optimally,
/// through the booking engine (docs/architecture.md, "Matching and allocation"). A dry run solves
/// on the ledger as the disk has it and never reaches the engine.
struct AllocationRoutes {
    let services: APIServices

    struct AllocationInput: Decodable {
        var courseIds: [String]?
        var dryRun: Bool?
    }

    struct AllocationView: Encodable {
        struct PlacementView: Encodable {
            let participantId, courseId: String
        }

        let assigned, unassigned: Int
        let cost: Int64
        let solveMs: Double
        let dryRun: Bool
        let placements: [PlacementView]
        let bookings: [BookingView]
    }

    func add(to router: Router<APIRequestContext>) {
        router.post("/v1/allocations") { request, context in
            let caller = try context.require(.adviceCentre)
            let input = try await JSONBody.decode(AllocationInput.self, from: request)
            if let ids = input.courseIds {
                guard !ids.isEmpty else { throw APIError.invalid(field: "courseIds", "must name at least one course, or be left out for all") }
                let catalogue = services.catalogue
                let unknown = ids.filter { catalogue.course(id: $0) == nil }
                if let first = unknown.first { throw APIError.invalid(field: "courseIds", "names no known course: \(first)") }
            }
            let started = ContinuousClock.now
            // A centre places its own waiting participants; an administrator everyone's.
            let allocation = AllocationRequest(
                courseIds: input.courseIds, centreId: caller.kind == .admin ? nil : caller.id, dryRun: input.dryRun ?? false,
                bookingIdPrefix: Identifier.timeOrdered(prefix: "alc"))
            let outcome = try await services.allocate(allocation, for: caller.id)
            let solveMs = (started.duration(to: .now).milliseconds * 100).rounded() / 100
            services.audit.record(
                outcome.dryRun ? .participantListed : .bookingCreated, by: context.actor,
                participantIds: outcome.placements.map(\.participantId), subject: "allocation")
            return try JSONResponse.make(AllocationView(
                assigned: outcome.placements.count, unassigned: outcome.unassigned, cost: outcome.cost, solveMs: solveMs,
                dryRun: outcome.dryRun, placements: outcome.placements.map { .init(participantId: $0.participantId, courseId: $0.courseId) },
                bookings: outcome.bookings.map { BookingView($0, waitlistPosition: nil, zone: services.zone) }))
        }
    }
}
