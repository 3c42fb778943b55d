/// An organisation as an administrator or an import file describes it.
public struct OrganisationInput: Codable, Sendable, Equatable {
    public var kind: String?
    public var name: String?
    /// How participants reach it; optional, editable later.
    public var contact: OrganisationContactInput?

    public init(kind: String? = nil, name: String? = nil, contact: OrganisationContactInput? = nil) {
        self.kind = kind
        self.name = name
        self.contact = contact
    }

    public func validated(id: String) throws(ValidationFailure) -> Organisation {
        var v = Validator()
        let kind = v.choice(kind, "kind", OrganisationKind.self)
        let name = v.text(name, "name")
        var contact = OrganisationContact()
        if let input = self.contact {
            do {
                contact = try input.validated()
            } catch {
                for field in error.errors { v.fail(field.field, field.message) }
            }
        }
        try v.finish()
        return Organisation(id: id, kind: kind!, name: name!, contact: contact)
    }
}
