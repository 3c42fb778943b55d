/// What an organisation is, which decides what its token may do.
public enum OrganisationKind: String, CaseIterable, Sendable {
    case provider
    case adviceCentre = "advice-centre"
    case admin
}
