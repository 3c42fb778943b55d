import Synchronization

/// Keys with work under way, each at most once.
package final class OneAtATime: Sendable {
    private let running = Mutex<Set<String>>([])

    package init() {}

    /// `true` when `key` had nothing under way and now has; `false` when it already had.
    package func claim(_ key: String) -> Bool {
        running.withLock { $0.insert(key).inserted }
    }

    package func release(_ key: String) {
        _ = running.withLock { $0.remove(key) }
    }
}
