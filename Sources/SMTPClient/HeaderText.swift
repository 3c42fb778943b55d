import Foundation

/// Turns structured values into header text that cannot break the header block.
/// - SeeAlso: RFC 5322 §2.2 (header fields), §2.2.3 (folding); RFC 2047 (encoded-words).
enum HeaderText {
    /// RFC 2047 §2: an encoded-word may not be longer than 75 characters.
    static let maxEncodedWordLength = 75
    /// RFC 2047 §2: lines holding encoded-words should not exceed 76 characters.
    static let maxLineLength = 76
    private static let wordPrefix = "=?UTF-8?B?"
    private static let wordSuffix = "?="

    /// Replaces every run of control characters (CR, LF, TAB, NUL, DEL, C1) with one space,
    /// so no user text can end a header line or start a new header.
    static func sanitized(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var lastWasControl = false
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                if !lastWasControl { result.append(" ") }
                lastWasControl = true
            } else {
                result.append(scalar)
                lastWasControl = false
            }
        }
        return String(result)
    }

    /// Keeps only printable ASCII without spaces and without `excluded`: for ids, tags and file names.
    static func token(_ text: String, excluding excluded: String = "") -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && !excluded.unicodeScalars.contains(scalar)
        }))
    }

    /// Whether `text` can be written verbatim: printable ASCII that does not look like an encoded-word.
    static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }

    /// An unstructured header (`Subject`) as one or more folded lines, without the final CRLF.
    static func unstructured(_ name: String, _ value: String) -> String {
        let clean = sanitized(value)
        let prefix = "\(name): "
        if isPlain(clean), prefix.count + clean.count <= maxLineLength { return prefix + clean }
        return prefix + encodedWords(clean, firstLineUsed: prefix.count).joined(separator: "\r\n ")
    }

    /// A mailbox header (`From`, `To`): `"Name" <addr>` or `=?UTF-8?B?…?= <addr>`.
    static func mailbox(_ name: String, _ mailbox: MailAddress) -> String {
        let prefix = "\(name): "
        let angle = "<\(mailbox.address)>"
        guard let rawName = mailbox.displayName, !sanitized(rawName).isEmpty else { return prefix + angle }
        let displayName = sanitized(rawName)
        if isPlain(displayName) {
            let quoted = "\"" + displayName.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
            if prefix.count + quoted.count + 1 + angle.count <= maxLineLength { return "\(prefix)\(quoted) \(angle)" }
        }
        var lines = encodedWords(displayName, firstLineUsed: prefix.count)
        // The address goes on the last line when it fits, otherwise on a folded line of its own.
        if let last = lines.last, last.count + 2 + angle.count <= maxLineLength {
            lines[lines.count - 1] = "\(last) \(angle)"
        } else {
            lines.append(angle)
        }
        return prefix + lines.joined(separator: "\r\n ")
    }

    /// Splits `text` into `=?UTF-8?B?…?=` words, each ≤ 75 characters, breaking only between
    /// Unicode scalars so no word holds part of a UTF-8 sequence (RFC 2047 §5 (3)).
    /// The first word also leaves room for `firstLineUsed` characters before it.
    static func encodedWords(_ text: String, firstLineUsed: Int) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        // A continuation line starts with one space of folding whitespace.
        var capacity = payloadCapacity(lineRoom: maxLineLength - firstLineUsed)
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > capacity {
                words.append(wordPrefix + Base64.encode(chunk) + wordSuffix)
                chunk = []
                capacity = payloadCapacity(lineRoom: maxLineLength - 1)
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(wordPrefix + Base64.encode(chunk) + wordSuffix) }
        return words
    }

    /// Bytes that fit into one encoded-word given the room left on its line.
    private static func payloadCapacity(lineRoom: Int) -> Int {
        let room = min(lineRoom, maxEncodedWordLength) - wordPrefix.count - wordSuffix.count
        // Always fit one 4-byte scalar (8 base64 characters), even after a long header name.
        return max(room / 4 * 3, 6)
    }
}
