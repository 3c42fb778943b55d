/// A participant's gender as they state it; it matters only for women-only offers.
public enum Gender: String, CaseIterable, Sendable {
    case female, male, diverse, unspecified
}
