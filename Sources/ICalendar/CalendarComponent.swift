/// A `BEGIN:X … END:X` block with its properties and nested blocks.
public struct CalendarComponent: Equatable, Sendable {
    public let name: String
    public var properties: [ContentLine]
    public var components: [CalendarComponent]

    public init(name: String, properties: [ContentLine] = [], components: [CalendarComponent] = []) {
        self.name = name
        self.properties = properties
        self.components = components
    }

    public func property(_ name: String) -> ContentLine? {
        properties.first { $0.name == name }
    }

    /// Reads a whole stream; the result is the outermost component (normally VCALENDAR).
    public static func parse(_ text: String) throws(ICalendarError) -> CalendarComponent {
        var stack: [CalendarComponent] = []
        var root: CalendarComponent?
        for (number, line) in ContentLine.unfold(text).enumerated() {
            guard let content = ContentLine(parsing: line) else {
                throw .malformedLine(number: number + 1, line: line)
            }
            switch content.name {
            case "BEGIN":
                stack.append(CalendarComponent(name: content.value.uppercased()))
            case "END":
                guard let done = stack.popLast(), done.name == content.value.uppercased() else {
                    throw .unbalanced(component: content.value)
                }
                if stack.isEmpty { root = done } else { stack[stack.count - 1].components.append(done) }
            default:
                guard !stack.isEmpty else { throw .malformedLine(number: number + 1, line: line) }
                stack[stack.count - 1].properties.append(content)
            }
        }
        guard stack.isEmpty, let root else { throw .unbalanced(component: stack.last?.name ?? "VCALENDAR") }
        return root
    }
}

/// A calendar stream that cannot be read.
public enum ICalendarError: Error, Equatable, Sendable {
    case malformedLine(number: Int, line: String)
    case unbalanced(component: String)
    case invalidDate(uid: String, value: String)
}
