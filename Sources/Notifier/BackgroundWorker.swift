import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own that runs jobs in order at a lower scheduling priority.
///
/// Mail is background work: when a booking storm and a mail backlog both want the CPU, the
/// bookings must win and the mail catch up afterwards. A Dispatch queue cannot say that on Linux
/// (its QoS classes do not reach the scheduler); a thread of its own can, because Linux keeps
/// the scheduling policy per thread. `SCHED_IDLE` runs it only on CPU time nothing else wants,
/// and a waking booking thread always takes the CPU back at once (a high nice value alone did
/// not: measured, the booking rate did not move).
final class BackgroundWorker: @unchecked Sendable {
    // `jobs` and `stopped` are guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var stopped = false

    init(name: String) {
        let thread = Thread { [condition] in
            #if os(Linux)
            var parameters = sched_param()
            _ = sched_setscheduler(0, Self.idlePolicy, &parameters)
            #endif
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
        thread.name = name
        thread.start()
    }

    /// `SCHED_IDLE` from <sched.h>, which Swift's Glibc module does not export.
    private static let idlePolicy: Int32 = 5

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
