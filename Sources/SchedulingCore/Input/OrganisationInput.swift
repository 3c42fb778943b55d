/// An organisation as an administrator or an import file describes it.
public struct OrganisationInput: Codable, Sendable, Equatable {
    public var kind: String?
    public var name: String?

    public init(kind: String? = nil, name: String? = nil) {
        self.kind = kind
        self.name = name
    }

    public func validated(id: String) throws(ValidationFailure) -> Organisation {
        var v = Validator()
        let kind = v.choice(kind, "kind", OrganisationKind.self)
        let name = v.text(name, "name")
        try v.finish()
        return Organisation(id: id, kind: kind!, name: name!)
    }
}
