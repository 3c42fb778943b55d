/// A place where courses meet or counselling happens.
public struct Location: Hashable, Sendable {
    public let id: String
    /// The organisation that created it.
    public let ownerId: String
    public var name: String
    public var address: String
    /// The district as the city names it (free text: cities differ).
    public var district: String
    public var coordinate: Coordinate
    /// Reachable without steps (lift or ground floor, step-free entrance).
    public var stepFree: Bool

    public init(
        id: String, ownerId: String, name: String, address: String, district: String,
        coordinate: Coordinate, stepFree: Bool
    ) {
        self.id = id
        self.ownerId = ownerId
        self.name = name
        self.address = address
        self.district = district
        self.coordinate = coordinate
        self.stepFree = stepFree
    }
}
