import GRDB
import SchedulingCore

/// A row of `location`.
struct LocationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "location"
    var id: String
    var ownerId: String
    var name: String
    var address: String
    var district: String
    var lat: Double
    var lon: Double
    var stepFree: Bool

    init(_ location: Location) {
        id = location.id
        ownerId = location.ownerId
        name = location.name
        address = location.address
        district = location.district
        lat = location.coordinate.latitude
        lon = location.coordinate.longitude
        stepFree = location.stepFree
    }

    func model() -> Location {
        Location(
            id: id, ownerId: ownerId, name: name, address: address, district: district,
            coordinate: Coordinate(latitude: lat, longitude: lon), stepFree: stepFree)
    }
}
