#if os(Linux)
@preconcurrency import Dispatch
#else
import Dispatch
#endif

/// Runs an actor's jobs on one serial `DispatchQueue`, so the booking loop is a Dispatch event
/// loop and Swift 6 still checks its isolation (`DispatchSerialQueue` does not exist on Linux).
///
/// - SeeAlso: GRDB's `DispatchQueueActor`, which this follows.
final class DispatchQueueExecutor: SerialExecutor, @unchecked Sendable {
    // Unchecked only because Dispatch on Linux is imported without Sendable: its one field never changes.
    let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: UnownedJob) {
        queue.async {
            job.runSynchronously(on: self.asUnownedSerialExecutor())
        }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
