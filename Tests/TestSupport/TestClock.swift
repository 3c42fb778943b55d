import SchedulingCore
import Synchronization

/// A clock a test moves by hand.
public final class TestClock: Sendable {
    private let current: Mutex<Timestamp>

    public init(_ start: Timestamp) {
        current = Mutex(start)
    }

    public var now: @Sendable () -> Timestamp { { self.current.withLock { $0 } } }

    public func advance(seconds: Int64) {
        current.withLock { $0 = Timestamp(secondsSinceEpoch: $0.secondsSinceEpoch + seconds) }
    }
}
