/// One logical line of an iCalendar stream: `NAME;PARAM=VALUE:value`.
///
/// - SeeAlso: RFC 5545 §3.1 (content lines, folding) and §3.2 (parameters).
public struct ContentLine: Equatable, Sendable {
    /// The property name, upper-cased.
    public let name: String
    /// Parameter names upper-cased, values as written (quotes removed).
    public let parameters: [String: String]
    /// The raw value, still escaped (see `ICalendarText.unescape`).
    public let value: String

    public init(name: String, parameters: [String: String] = [:], value: String) {
        self.name = name
        self.parameters = parameters
        self.value = value
    }

    /// Splits a stream into logical lines: CRLF or LF endings, a line starting with a space or
    /// tab continues the previous one (the fold's first character is dropped).
    public static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(raw)
            if line.last == "\r" { line = line.dropLast() }
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += line.dropFirst()
            } else if !line.isEmpty {
                lines.append(String(line))
            }
        }
        return lines
    }

    /// Parses one unfolded line; `nil` when it has no `:` separating name and value.
    public init?(parsing line: String) {
        var name = "", parameters: [String: String] = [:]
        var index = line.startIndex
        var inQuotes = false
        var segmentStart = index
        var segments: [Substring] = []
        while index < line.endIndex {
            let c = line[index]
            if c == "\"" { inQuotes.toggle() }
            if !inQuotes && (c == ";" || c == ":") {
                segments.append(line[segmentStart..<index])
                segmentStart = line.index(after: index)
                if c == ":" { break }
            }
            index = line.index(after: index)
        }
        guard index < line.endIndex, let first = segments.first, !first.isEmpty else { return nil }
        name = first.uppercased()
        for segment in segments.dropFirst() {
            guard let eq = segment.firstIndex(of: "=") else { continue }
            var value = segment[segment.index(after: eq)...]
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                value = value.dropFirst().dropLast()
            }
            parameters[segment[..<eq].uppercased()] = String(value)
        }
        self.init(name: name, parameters: parameters, value: String(line[line.index(after: index)...]))
    }
}
