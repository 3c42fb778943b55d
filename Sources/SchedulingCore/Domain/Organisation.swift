/// A course provider, an advice centre, or the city's administration.
public struct Organisation: Hashable, Sendable {
    public let id: String
    public let kind: OrganisationKind
    public let name: String

    public init(id: String, kind: OrganisationKind, name: String) {
        self.id = id
        self.kind = kind
        self.name = name
    }
}
