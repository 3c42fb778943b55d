import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own that runs jobs in order at a lower scheduling priority.
///
/// Mail is background work: when a booking storm and a mail backlog both want the CPU, the
/// bookings must win and the mail catch up afterwards. A Dispatch queue cannot say that on Linux
/// (its QoS classes do not reach the scheduler); a thread of its own can, because Linux keeps
/// the scheduling policy per thread. `SCHED_IDLE` runs it on CPU time nothing else wants, and a
/// waking booking thread takes the CPU back at once: measured side by side under wrk, bookings
/// over HTTP went up by about a fifth against nice 19. So that a machine busy for hours cannot
/// hold mail back for hours, the notifier makes its threads `urgent` (normal policy) while the
/// oldest due mail has waited longer than a minute.
final class BackgroundWorker: @unchecked Sendable {
    // `jobs` and `stopped` are guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopped = false

    init(name: String) {
        let thread = Thread { [condition] in
            Self.setPolicy(urgent: false)
            // Set from the thread itself: that is when Foundation hands it to the system (`top -H`, `perf`).
            Thread.current.name = name
            while true {
                condition.lock()
                while self.jobs.isEmpty && !self.stopped { condition.wait() }
                if self.jobs.isEmpty && self.stopped {
                    condition.unlock()
                    return
                }
                let job = self.jobs.removeFirst()
                condition.unlock()
                job()
            }
        }
        thread.start()
    }

    /// `SCHED_IDLE` from <sched.h>, which Swift's Glibc module does not export.
    private static let idlePolicy: Int32 = 5

    /// Whether the calling thread runs at normal priority (not `SCHED_IDLE`).
    static var isUrgent: Bool {
        #if os(Linux)
        sched_getscheduler(0) != idlePolicy
        #else
        true
        #endif
    }

    /// Sets the calling thread's policy: normal when `urgent`, else `SCHED_IDLE`.
    static func setPolicy(urgent: Bool) {
        #if os(Linux)
        var parameters = sched_param()
        _ = sched_setscheduler(0, urgent ? SCHED_OTHER : idlePolicy, &parameters)
        #endif
    }

    func async(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `job` on the worker and waits for its result.
    func sync<T: Sendable>(_ job: @escaping @Sendable () -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox<T>()
        async {
            result.value = job()
            done.signal()
        }
        done.wait()
        return result.value!
    }

    /// Ends the thread once the jobs queued so far have run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }
}

/// Hands a result from the worker thread to the waiting one; the semaphore orders the accesses.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
