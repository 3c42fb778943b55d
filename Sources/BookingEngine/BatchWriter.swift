#if os(Linux)
@preconcurrency import Dispatch
#else
import Dispatch
#endif
import SchedulingCore
import Store

/// Writes decided batches in order on its own queue, so deciding the next batch overlaps the fsync
/// of this one.
///
/// After a failed write it refuses every later batch until `resume()`: those were decided on top
/// of the state that did not reach the disk.
final class BatchWriter: @unchecked Sendable {
    // `failed` is touched only on `queue`.
    private let queue = DispatchQueue(label: "wegweiser.booking-writer", qos: .userInitiated)
    private let database: AppDatabase
    private var failed: (any Error)?

    init(database: AppDatabase) {
        self.database = database
    }

    /// Commits `changes`, then calls `done` with the outcome and how long the commit took.
    func write(
        _ changes: LedgerChanges, now: Timestamp,
        done: @escaping @Sendable (Result<Duration, any Error>) -> Void
    ) {
        queue.async {
            if let failed = self.failed { return done(.failure(failed)) }
            do {
                let started = ContinuousClock.now
                try self.database.commit(changes, now: now)
                done(.success(started.duration(to: .now)))
            } catch {
                self.failed = error
                done(.failure(error))
            }
        }
    }

    /// Accepts batches again once the ledger was reloaded from disk.
    func resume() {
        queue.async { self.failed = nil }
    }
}
