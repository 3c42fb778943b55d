/// Why an allocation instance or problem was rejected.
public struct AllocationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Human-readable reason, naming the offending participant, arc, course or byte offset.
    public var message: String

    /// Creates an error carrying `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
