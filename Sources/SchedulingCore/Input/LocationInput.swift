/// A location as a client sends it; `validated` turns it into a `Location` or names every broken rule.
public struct LocationInput: Codable, Sendable, Equatable {
    public var name: String?
    public var address: String?
    public var district: String?
    public var lat: Double?
    public var lon: Double?
    public var stepFree: Bool?

    public init(
        name: String? = nil, address: String? = nil, district: String? = nil,
        lat: Double? = nil, lon: Double? = nil, stepFree: Bool? = nil
    ) {
        self.name = name
        self.address = address
        self.district = district
        self.lat = lat
        self.lon = lon
        self.stepFree = stepFree
    }

    public func validated(id: String, ownerId: String) throws(ValidationFailure) -> Location {
        var v = Validator()
        let name = v.text(name, "name")
        let address = v.text(address, "address", maxLength: 300)
        let district = v.text(district, "district", maxLength: 100)
        let coordinate = v.coordinate(lat: lat, lon: lon)
        try v.finish()
        return Location(
            id: id, ownerId: ownerId, name: name!, address: address!, district: district!,
            coordinate: coordinate!, stepFree: stepFree ?? false)
    }
}
