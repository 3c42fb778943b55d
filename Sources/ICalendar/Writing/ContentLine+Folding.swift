extension ContentLine {
    /// The longest physical line, in octets, not counting its CRLF.
    public static let maximumLineOctets = 75

    /// Folds one logical line into physical lines of at most 75 octets, each ended by CRLF;
    /// every continuation starts with one space, which counts towards its 75 octets.
    ///
    /// Breaks fall between grapheme clusters, so no UTF-8 sequence is split and a continuation
    /// never starts with a combining mark (the reader, working on `Character`s, would glue such
    /// a mark to the leading space and miss the fold). Only a single cluster longer than a whole
    /// line is broken between its scalars, which RFC 5545 still allows.
    ///
    /// - SeeAlso: RFC 5545 §3.1 (content lines, folding).
    public static func fold(_ line: String) -> String {
        // Most lines fit: no need to walk their characters.
        if line.utf8.count <= maximumLineOctets { return line + "\r\n" }
        // Printable ASCII: every octet is its own grapheme cluster, so cut by count.
        if line.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return foldASCII(line) }
        var out = ""
        var budget = maximumLineOctets
        var used = 0
        func append(_ piece: Substring.UnicodeScalarView) {
            let octets = piece.reduce(0) { $0 + UTF8.width($1) }
            if used + octets > budget {
                out += "\r\n "
                used = 0
                budget = maximumLineOctets - 1
            }
            out.unicodeScalars.append(contentsOf: piece)
            used += octets
        }
        for character in line {
            let scalars = Substring(String(character)).unicodeScalars
            let octets = character.utf8.count
            if octets <= maximumLineOctets - 1 {
                append(scalars)
            } else {
                for index in scalars.indices { append(scalars[index...index]) }
            }
        }
        return out + "\r\n"
    }

    private static func foldASCII(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 24 + 2)
        var start = 0
        var width = maximumLineOctets
        while start < bytes.count {
            let end = min(start + width, bytes.count)
            if start > 0 { out.append(0x20) }
            out += bytes[start..<end]
            out.append(13)
            out.append(10)
            start = end
            width = maximumLineOctets - 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
