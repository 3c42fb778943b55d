import SchedulingCore
import Synchronization

/// The matching index over every offer, built from the published catalogue when first needed and
/// again after an offer was added or changed.
package final class OfferIndexCache: Sendable {
    private let state = Mutex<(index: OfferIndex?, generation: Int)>((nil, 0))

    package func invalidate() {
        state.withLock { $0 = (nil, $0.generation + 1) }
    }

    package func index(of catalogue: CatalogueSnapshot) -> OfferIndex {
        let (cached, generation) = state.withLock { ($0.index, $0.generation) }
        if let cached { return cached }
        let (courses, slots, zone) = (catalogue.coursesWithLocations, catalogue.slotsWithLocations, catalogue.zone)
        var locations: [String: Location] = [:]
        for (_, location) in courses { locations[location.id] = location }
        for (_, location) in slots { locations[location.id] = location }
        let index = OfferIndex(
            courses: courses.map(\.course), slots: slots.map(\.slot),
            locations: locations.values.sorted { $0.id < $1.id }, zone: zone)
        state.withLock { if $0.generation == generation { $0.index = index } }
        return index
    }
}
