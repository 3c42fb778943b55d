extension QRCode {
    /// A standalone SVG image of the symbol, for printing and for inlining in HTML.
    ///
    /// The dark modules form a single path of horizontal runs, which keeps a version 7 symbol
    /// to a few kilobytes; `crispEdges` stops anti-aliasing seams between adjacent runs.
    ///
    /// - Parameters:
    ///   - moduleSize: Side of one module in SVG user units (and pixels at 100 %).
    ///   - quietZone: Light margin in modules; the standard asks for 4 (§6.3.8), readers
    ///     often fail with less.
    ///   - label: The accessible name, such as what the code links to; it is XML-escaped.
    public func svg(moduleSize: Int = 4, quietZone: Int = 4, label: String) -> String {
        precondition(moduleSize > 0 && quietZone >= 0, "moduleSize must be positive, quietZone non-negative")
        let side = (size + 2 * quietZone) * moduleSize
        // Built as UTF-8 bytes: string interpolation per run would cost more than the encoding.
        var path: [UInt8] = []
        path.reserveCapacity(size * size * 2)
        for y in 0..<size {
            var x = 0
            while x < size {
                guard modules[y * size + x] != 0 else { x += 1; continue }
                let start = x
                while x < size && modules[y * size + x] != 0 { x += 1 }
                path.appendRectangle(
                    x: (start + quietZone) * moduleSize, y: (y + quietZone) * moduleSize,
                    width: (x - start) * moduleSize, height: moduleSize
                )
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side)" \
            height="\(side)" role="img" aria-label="\(Self.escapingXML(label))">\
            <rect width="100%" height="100%" fill="#fff"/>\
            <path fill="#000" shape-rendering="crispEdges" d="\(String(decoding: path, as: UTF8.self))"/></svg>
            """
    }

    /// Escapes the five characters XML reserves, so any label is safe inside an attribute
    /// value, whichever quote encloses it.
    static func escapingXML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}

extension [UInt8] {
    /// Appends `M x y h width v height h -width z` in ASCII: a closed rectangle as a subpath.
    fileprivate mutating func appendRectangle(x: Int, y: Int, width: Int, height: Int) {
        append(UInt8(ascii: "M"))
        appendDecimal(x)
        append(UInt8(ascii: " "))
        appendDecimal(y)
        append(UInt8(ascii: "h"))
        appendDecimal(width)
        append(UInt8(ascii: "v"))
        appendDecimal(height)
        append(contentsOf: "h-".utf8)
        appendDecimal(width)
        append(UInt8(ascii: "z"))
    }

    private mutating func appendDecimal(_ number: Int) {
        if number >= 10 { appendDecimal(number / 10) }
        append(UInt8(ascii: "0") + UInt8(number % 10))
    }
}
