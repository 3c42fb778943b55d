/// How much of the symbol may be damaged and still read (ISO/IEC 18004:2015 §5.3.8).
///
/// Higher levels survive more dirt and folds on paper but need a larger symbol for the same text.
public enum QRErrorCorrection: Sendable {
    /// Recovers about 7 % of the codewords.
    case low
    /// Recovers about 15 %; the usual choice for printed links.
    case medium
    /// Recovers about 25 %.
    case quartile
    /// Recovers about 30 %.
    case high

    /// The two-bit indicator of the format information; deliberately not in level order
    /// (ISO/IEC 18004:2015 Table 12).
    var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }

    /// Row index into the per-level tables of `QRVersion`.
    var tableIndex: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }
}
