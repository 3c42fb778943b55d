import NIOCore

/// Writes one flat JSON object straight into a response buffer, byte for byte what `JSONResponse`
/// makes of the same fields (sorted keys, slashes unescaped, `nil` left out) when the caller adds
/// the keys in sorted order.
///
/// For the answers on the booking path only: Foundation's encoder builds a tree of boxed values
/// first, and cost a booking more than its decision did.
struct JSONObjectWriter {
    private var buffer: ByteBuffer
    private var empty = true

    init(capacity: Int = 256) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
        buffer.writeInteger(UInt8(ascii: "{"))
    }

    mutating func add(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        writeKey(key)
        writeString(value)
    }

    mutating func add(_ key: StaticString, _ value: Int?) {
        guard let value else { return }
        writeKey(key)
        buffer.writeString(String(value))
    }

    mutating func add(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        writeKey(key)
        buffer.writeString(value ? "true" : "false")
    }

    /// The object, closed.
    consuming func finish() -> ByteBuffer {
        buffer.writeInteger(UInt8(ascii: "}"))
        return buffer
    }

    private mutating func writeKey(_ key: StaticString) {
        if !empty { buffer.writeInteger(UInt8(ascii: ",")) }
        empty = false
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(key)
        buffer.writeStaticString("\":")
    }

    private mutating func writeString(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        if value.utf8.contains(where: Self.needsEscape) {
            for byte in value.utf8 { write(byte) }
        } else {
            buffer.writeString(value)
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func write(_ byte: UInt8) {
        guard Self.needsEscape(byte) else {
            buffer.writeInteger(byte)
            return
        }
        switch byte {
        case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
        case 0x08: buffer.writeStaticString("\\b")
        case 0x0C: buffer.writeStaticString("\\f")
        case 0x0A: buffer.writeStaticString("\\n")
        case 0x0D: buffer.writeStaticString("\\r")
        case 0x09: buffer.writeStaticString("\\t")
        default:
            buffer.writeStaticString("\\u00")
            buffer.writeInteger(Self.hexDigit(byte >> 4))
            buffer.writeInteger(Self.hexDigit(byte & 0x0F))
        }
    }
}
