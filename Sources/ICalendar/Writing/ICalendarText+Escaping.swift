extension ICalendarText {
    /// Escapes a TEXT value: `\` `;` `,` get a backslash, every line break becomes `\n`, and other
    /// control characters are dropped, so no character of the value can end the content line.
    ///
    /// - SeeAlso: RFC 5545 §3.3.11 (TEXT), §3.1 (a content line ends only at CRLF).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        // Unicode scalars, not Characters: "\r\n" is one Character, and a control must never
        // hide inside a grapheme cluster that a Character comparison would let through.
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n":
                // CRLF is one line break; the CR already wrote it.
                if !previousWasCR { out += "\\n" }
            case "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                out += "\\n"
            case "\t":
                out.unicodeScalars.append(scalar)
            default:
                if !isControl(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A parameter value as RFC 5545 allows it: control characters and DQUOTE removed (there is
    /// no escape for them), and the value quoted when it holds `:` `;` or `,`.
    ///
    /// - SeeAlso: RFC 5545 §3.2 (`param-value`, `QSAFE-CHAR`, `SAFE-CHAR`).
    public static func parameterValue(_ value: String) -> String {
        var cleaned = ""
        var needsQuotes = false
        for scalar in value.unicodeScalars where scalar != "\"" && !isControl(scalar) && !isLineBreak(scalar) {
            if scalar == ":" || scalar == ";" || scalar == "," { needsQuotes = true }
            cleaned.unicodeScalars.append(scalar)
        }
        return needsQuotes ? "\"" + cleaned + "\"" : cleaned
    }

    /// A value that is not TEXT (a URI, a date, a rule) with every control and line-break
    /// character removed: such values have no escape syntax, so removal is the only safe choice.
    static func withoutControls(_ value: String) -> String {
        // Controls and line breaks are below 0x20, DEL, or start with 0xC2 (C1) or 0xE2
        // (U+2028, U+2029) in UTF-8: a value without those bytes is returned as it is.
        if !value.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) {
            return value
        }
        var out = ""
        for scalar in value.unicodeScalars where !isControl(scalar) && !isLineBreak(scalar) {
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// C0 controls other than HTAB, DEL, and the C1 range (RFC 5545 `CONTROL`, plus C1, which
    /// some mail paths turn into line breaks).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    /// Scalars that some readers treat as the end of a line.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}
