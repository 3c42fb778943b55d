import Synchronization

/// At most `limit` actions per `window` for each key (a client address, an account): enough for a
/// person who clicks twice or picks another time, too few to try tokens or slots by the thousand.
package final class RateLimiter: Sendable {
    private struct Window {
        var start: ContinuousClock.Instant
        var count: Int
    }

    package let limit: Int
    package let window: Duration
    /// Beyond this many keys, windows that ended are dropped, so memory stays bounded.
    private let pruneAt: Int
    private let windows = Mutex<[String: Window]>([:])

    package init(limit: Int, window: Duration, keys: Int = 10_000) {
        self.limit = limit
        self.window = window
        pruneAt = keys
    }

    /// Counts one action of `key`; `nil` when allowed, else the whole seconds until it would be.
    package func admit(_ key: String, now: ContinuousClock.Instant = .now) -> Int? {
        windows.withLock { windows in
            if windows.count >= pruneAt {
                windows = windows.filter { now - $0.value.start < window }
                // Still full: the oldest windows go first, so memory stays bounded under a flood.
                if windows.count >= pruneAt {
                    let oldest = windows.sorted { $0.value.start < $1.value.start }.prefix(pruneAt / 2).map(\.key)
                    for key in oldest { windows[key] = nil }
                }
            }
            var current = windows[key].flatMap { now - $0.start < window ? $0 : nil } ?? Window(start: now, count: 0)
            guard current.count < limit else {
                let left = window - (now - current.start)
                return max(1, Int(left.components.seconds) + (left.components.attoseconds > 0 ? 1 : 0))
            }
            current.count += 1
            windows[key] = current
            return nil
        }
    }

    /// Takes back one action of `key` counted by `admit` (an attempt that turned out to succeed).
    package func forgive(_ key: String) {
        windows.withLock { windows in
            if let current = windows[key], current.count > 0 { windows[key]?.count = current.count - 1 }
        }
    }
}
