import Synchronization

/// How hard bookings are streaming in, and so whether mail should wait.
///
/// Sending is background work and bookings are not: while the booking loop commits many commands a
/// second, composing mail and creating its files only takes CPU time and disk journal commits
/// from the answers callers wait for (a lower thread priority alone still cost a seventh of the
/// booking rate over HTTP). So the notifier holds mail back while the loop is busy — but never
/// longer than `maximumHold` in a row, after which it sends everything due before it holds again.
public final class BookingPressure: Sendable {
    /// Commands committed per second from which the loop counts as busy.
    public let busyAt: Int
    /// The longest mail is held back in one stretch.
    public let maximumHold: Duration
    private let elapsed: @Sendable () -> Duration
    private let state = Mutex(State())

    fileprivate struct State {
        /// The whole second `count` belongs to, and what the second before it committed.
        var second: Int64 = 0
        var count = 0
        var previousCount = 0
        /// When the current hold began; nil while mail is not held.
        var holdingSince: Duration?
    }

    /// - Parameter elapsed: monotonic time since any fixed origin (tests pass their own).
    public init(busyAt: Int = 200, maximumHold: Duration = .seconds(60), elapsed: (@Sendable () -> Duration)? = nil) {
        precondition(busyAt > 0, "busyAt must be positive")
        self.busyAt = busyAt
        self.maximumHold = maximumHold
        if let elapsed {
            self.elapsed = elapsed
        } else {
            let origin = ContinuousClock.now
            self.elapsed = { ContinuousClock.now - origin }
        }
    }

    /// The booking loop committed `commands` just now.
    public func record(commands: Int) {
        let second = elapsed().components.seconds
        state.withLock { state in
            state.roll(to: second)
            state.count += commands
        }
    }

    /// Whether the loop committed at least `busyAt` commands in the current or the previous second.
    public var isBusy: Bool {
        let second = elapsed().components.seconds
        return state.withLock { state in
            state.roll(to: second)
            return state.isBusy(from: busyAt)
        }
    }

    /// Whether mail should wait now: the loop is busy and the current hold is younger than
    /// `maximumHold`. The first call that finds the loop busy starts the hold.
    public func holdsMail() -> Bool {
        let now = elapsed()
        return state.withLock { state in
            state.roll(to: now.components.seconds)
            guard state.isBusy(from: busyAt) else {
                state.holdingSince = nil
                return false
            }
            let since = state.holdingSince ?? now
            state.holdingSince = since
            return now - since < maximumHold
        }
    }

    /// The notifier has sent everything that was due: a later busy stretch may hold mail again.
    public func caughtUp() {
        state.withLock { $0.holdingSince = nil }
    }
}

extension BookingPressure.State {
    fileprivate mutating func roll(to now: Int64) {
        guard now != second else { return }
        previousCount = now == second + 1 ? count : 0
        second = now
        count = 0
    }

    fileprivate func isBusy(from threshold: Int) -> Bool {
        max(count, previousCount) >= threshold
    }
}
