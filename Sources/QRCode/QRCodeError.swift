/// Why a text could not become a QR code.
public enum QRCodeError: Error, Sendable, Equatable {
    /// The text's UTF-8 bytes exceed what version 40 holds at the requested correction level;
    /// a lower level or a shorter text may fit.
    case tooLong(bytes: Int, maximum: Int)
}
