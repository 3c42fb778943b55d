import Foundation
import Hummingbird
import SchedulingCore
import Store

/// Counselling appointments: published by advice centres, one or many at a time.
struct SlotRoutes {
    let services: APIServices

    private struct SlotBatch: Decodable {
        let slots: [SlotInput]?
    }

    func add(to router: Router<APIRequestContext>) {
        router.post("/v1/slots") { request, context in
            let caller = try context.require(.adviceCentre)
            let data = try await JSONBody.data(of: request)
            let batch = try JSONBody.decode(SlotBatch.self, from: data).slots
            let inputs = try batch ?? [JSONBody.decode(SlotInput.self, from: data)]
            guard !inputs.isEmpty else { throw APIError.invalid(field: "slots", "must hold at least one slot") }
            guard inputs.count <= 1000 else { throw APIError.invalid(field: "slots", "may hold at most 1000 slots") }
            // Every slot is checked before any is stored: a batch goes in whole or not at all.
            var errors: [FieldError] = []
            var slots: [(Slot, Location)] = []
            for (index, input) in inputs.enumerated() {
                let prefix = batch == nil ? "" : "slots[\(index)]."
                do {
                    let slot = try input.validated(id: Identifier.timeOrdered(prefix: "slt"), centreId: caller.id)
                    guard let location = try await services.database.location(id: slot.locationId) else {
                        errors.append(FieldError(field: prefix + "locationId", message: "names no known location"))
                        continue
                    }
                    slots.append((slot, location))
                } catch let failure as ValidationFailure {
                    errors += failure.errors.map { FieldError(field: prefix + $0.field, message: $0.message) }
                }
            }
            guard errors.isEmpty else { throw APIError.invalid(ValidationFailure(errors)) }
            _ = try await services.submit(.putOffers(courses: [], slots: slots))
            let views = slots.map { SlotView($0.0, location: $0.1, free: true, zone: services.zone) }
            return batch == nil
                ? try JSONResponse.make(views[0], status: .created)
                : try JSONResponse.make(SlotList(slots: views, nextCursor: nil), status: .created)
        }

        router.get("/v1/slots") { request, context in
            _ = try context.require(.adviceCentre)
            let query = QueryValues(request: request)
            var language: LanguageCode?
            if let text = query.string("language") {
                guard let code = LanguageCode(text) else {
                    throw APIError.invalid(field: "language", "'\(text)' is not an ISO 639-1 language code (or ISO 639-3 where none exists)")
                }
                language = code
            }
            let district = query.string("district")?.lowercased()
            let from = try instant(query.string("from"), field: "from", endOfDay: false)
            let to = try instant(query.string("to"), field: "to", endOfDay: true)
            let freeOnly = try query.bool("free") ?? false
            let pagination = try Pagination(request)
            let catalogue = services.catalogue
            let rows = catalogue.slotsWithLocations.map { ($0.slot, $0.location, catalogue.freeSeats(.slot($0.slot.id)) > 0) }
            let matching = rows.filter { slot, location, free in
                (language == nil || slot.languages.contains(language!)) && (district == nil || location.district.lowercased() == district)
                    && (from == nil || slot.start >= from!) && (to == nil || slot.start <= to!) && (!freeOnly || free)
            }
            let page = pagination.page(matching) { $0.0.id }
            return try JSONResponse.make(SlotList(
                slots: page.items.map { SlotView($0.0, location: $0.1, free: $0.2, zone: services.zone) }, nextCursor: page.nextCursor))
        }
    }

    /// A date (the start or end of that day in the city) or an RFC 3339 timestamp.
    private func instant(_ text: String?, field: String, endOfDay: Bool) throws -> Timestamp? {
        guard let text else { return nil }
        if let date = LocalDate(iso: text) {
            return services.zone.instant(LocalDateTime(date: endOfDay ? date.adding(days: 1) : date, minutes: 0))
                .adding(seconds: endOfDay ? -1 : 0)
        }
        if let timestamp = Timestamp(rfc3339: text) { return timestamp }
        throw APIError.invalid(field: field, "must be a date YYYY-MM-DD or an RFC 3339 timestamp")
    }
}

struct SlotList: Encodable {
    let slots: [SlotView]
    let nextCursor: String?
}
