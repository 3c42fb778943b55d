import Foundation

/// Unicode normalisation form C for everything people type: "é" arrives as one scalar or as "e"
/// and a combining accent depending on the keyboard, and a name stored one way must be found
/// when searched for the other way (SQL compares bytes).
package enum NFC {
    package static func normalised(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// A well-formed JSON text with every string in NFC. `\u` escapes (four hex digits) of
    /// characters that need none are written out first, so an escaped accent composes with its letter as a typed one
    /// does. Escapes JSON needs (`\n`, `\"`, `\u0000`…) are kept, and the text between them is
    /// normalised on its own, so no accent composes with an escape's last letter. Outside
    /// strings JSON is ASCII, which normalisation leaves alone.
    package static func normalised(json: Data) -> Data {
        guard json.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\\") }) else { return json }
        let pieces = unescapingCharacters(in: String(decoding: json, as: UTF8.self))
        return Data(pieces.map { $0.isEscape ? $0.text : normalised($0.text) }.joined().utf8)
    }

    /// The text cut into runs to normalise and escapes to keep: `\u` and four hex digits (and
    /// surrogate pairs) become the character, except where JSON needs the escape: quotation mark,
    /// reverse solidus and control characters.
    static func unescapingCharacters(in text: String) -> [(text: String, isEscape: Bool)] {
        let scalars = Array(text.unicodeScalars)
        var pieces: [(text: String, isEscape: Bool)] = []
        var run = String.UnicodeScalarView()
        func keep(_ escape: ArraySlice<Unicode.Scalar>) {
            if !run.isEmpty { pieces.append((String(run), false)) }
            run = String.UnicodeScalarView()
            pieces.append((String(String.UnicodeScalarView(escape)), true))
        }
        func hex(at position: Int) -> UInt32? {
            guard position + 6 <= scalars.count, scalars[position] == "\\", scalars[position + 1] == "u" else { return nil }
            return UInt32(String(String.UnicodeScalarView(scalars[(position + 2)..<(position + 6)])), radix: 16)
        }
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "\\", index + 1 < scalars.count else {
                run.append(scalars[index])
                index += 1
                continue
            }
            guard scalars[index + 1] == "u", let value = hex(at: index) else {
                // Any other escape, \\ included, is kept whole so its second half is not read as a new escape.
                keep(scalars[index...(index + 1)])
                index += 2
                continue
            }
            var code = value, length = 6
            if (0xD800...0xDBFF).contains(value), let low = hex(at: index + 6), (0xDC00...0xDFFF).contains(low) {
                code = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                length = 12
            }
            if code >= 0x20, code != 0x22, code != 0x5C, let scalar = Unicode.Scalar(code), scalar.properties.generalCategory != .control {
                run.append(scalar)
            } else {
                keep(scalars[index..<(index + length)])
            }
            index += length
        }
        if !run.isEmpty { pieces.append((String(run), false)) }
        return pieces
    }
}
