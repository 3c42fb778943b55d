/// One of the city's districts (Duisburg's seven Stadtbezirke), with a point in its middle: where
/// a place or a person is assumed to be when only the district is known.
public struct CityDistrict: Hashable, Sendable {
    public let name: String
    public let centre: Coordinate

    /// Duisburg's districts; each centre is the mean of its quarters' (Ortsteile) centroids.
    public static let duisburg: [CityDistrict] = [
        CityDistrict(name: "Walsum", centre: Coordinate(latitude: 51.5328, longitude: 6.7315)),
        CityDistrict(name: "Hamborn", centre: Coordinate(latitude: 51.4997, longitude: 6.7757)),
        CityDistrict(name: "Meiderich/Beeck", centre: Coordinate(latitude: 51.4723, longitude: 6.7487)),
        CityDistrict(name: "Homberg/Ruhrort/Baerl", centre: Coordinate(latitude: 51.4624, longitude: 6.7041)),
        CityDistrict(name: "Mitte", centre: Coordinate(latitude: 51.4257, longitude: 6.7676)),
        CityDistrict(name: "Rheinhausen", centre: Coordinate(latitude: 51.4046, longitude: 6.6942)),
        CityDistrict(name: "Süd", centre: Coordinate(latitude: 51.3703, longitude: 6.7604)),
    ]

    public static func named(_ name: String) -> CityDistrict? {
        duisburg.first { $0.name == name }
    }
}
