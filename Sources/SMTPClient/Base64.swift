/// Base64 without Foundation's platform differences: the output is part of golden files.
/// - SeeAlso: RFC 4648 §4; RFC 2045 §6.8 (lines of at most 76 characters).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// One unbroken base64 string.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A MIME body: base64 in lines of 76 characters, each ending in CRLF.
    static func bodyLines(_ bytes: [UInt8]) -> String {
        let encoded = Array(encode(bytes).utf8)
        var lines: [UInt8] = []
        lines.reserveCapacity(encoded.count + encoded.count / 38 + 2)
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            lines += encoded[start..<end]
            lines.append(13)
            lines.append(10)
            start = end
        }
        return String(decoding: lines, as: UTF8.self)
    }
}
