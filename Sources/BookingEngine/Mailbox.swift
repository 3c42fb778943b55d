import Foundation
import SchedulingCore

/// Commands waiting for the loop, posted from any thread.
///
/// Posting takes a lock instead of hopping onto the loop's queue: at tens of thousands of bookings
/// a second, one queue hop per booking was most of the loop's own work. The loop takes everything
/// posted at once, which is exactly the group of a group commit.
final class Mailbox: @unchecked Sendable {
    struct Pending: Sendable {
        let command: LedgerCommand
        let reply: CheckedContinuation<LedgerDecision, any Error>
    }

    // Everything below is guarded by `lock`.
    private let lock = NSLock()
    private var items: [Pending] = []
    private var flushScheduled = false
    private var accepting = true

    enum Posted {
        /// Posted; the caller must schedule a flush.
        case scheduleFlush
        /// Posted; a flush is already on its way.
        case queued
        /// Not posted: the engine is shutting down.
        case refused
    }

    func post(_ item: Pending) -> Posted {
        lock.withLock {
            guard accepting else { return .refused }
            items.append(item)
            if flushScheduled { return .queued }
            flushScheduled = true
            return .scheduleFlush
        }
    }

    /// Everything posted so far; the next post schedules a new flush.
    func takeAll() -> [Pending] {
        lock.withLock {
            flushScheduled = false
            defer { items.removeAll(keepingCapacity: true) }
            return items
        }
    }

    /// Marks a flush as scheduled if commands wait and none is; true when the caller must schedule it.
    func claimFlushIfPending() -> Bool {
        lock.withLock {
            guard !items.isEmpty, !flushScheduled else { return false }
            flushScheduled = true
            return true
        }
    }

    /// A scheduled flush that found the writer busy leaves the commands for the next one.
    func releaseFlush() {
        lock.withLock { flushScheduled = false }
    }

    func close() {
        lock.withLock { accepting = false }
    }

    var isEmpty: Bool {
        lock.withLock { items.isEmpty && !flushScheduled }
    }
}
