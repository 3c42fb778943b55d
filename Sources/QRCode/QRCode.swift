/// A QR code symbol (ISO/IEC 18004:2015, model 2): a square of dark and light modules.
///
/// Built once by `encode(_:correction:)` and immutable afterwards, so it can be cached and
/// shared between requests.
public struct QRCode: Sendable, Equatable {
    /// Modules per side, without the quiet zone: 21 for version 1 up to 177 for version 40.
    public let size: Int
    /// The symbol version, 1...40: the smallest that holds the text at the requested level.
    public let version: Int
    /// The data mask (0...7) the penalty rules chose.
    let mask: Int
    /// Row-major, 1 = dark.
    let modules: [UInt8]

    /// Whether the module at column `x`, row `y` is dark; (0, 0) is the top-left corner.
    /// Coordinates outside the symbol read as light, as the quiet zone around it is, so
    /// renderers need no bounds checks of their own.
    public subscript(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x] != 0
    }

    /// Encodes the text's UTF-8 bytes in byte mode, in the smallest version that fits, with the
    /// mask of lowest penalty. No ECI header is written: common readers (phone cameras, ZXing)
    /// take valid UTF-8 in byte mode as UTF-8, and ASCII links, the usual content, read the
    /// same under any guess; some older readers mishandle ECI.
    ///
    /// - Throws: `QRCodeError.tooLong` when even version 40 cannot hold the bytes.
    public static func encode(
        _ text: String, correction: QRErrorCorrection = .medium
    ) throws(QRCodeError) -> QRCode {
        let bytes = Array(text.utf8)
        guard let number = QRVersion.range.first(where: { QRVersion($0).byteCapacity(correction) >= bytes.count })
        else {
            throw .tooLong(bytes: bytes.count, maximum: QRVersion(40).byteCapacity(correction))
        }
        let version = QRVersion(number)
        var builder = QRMatrixBuilder(version: version)
        builder.place(QRCodewords.sequence(for: bytes, version: version, level: correction))
        let (modules, mask) = QRMask.best(for: builder, level: correction)
        return QRCode(size: version.size, version: number, mask: mask, modules: modules)
    }
}
