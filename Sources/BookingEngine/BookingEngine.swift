#if os(Linux)
@preconcurrency import Dispatch
#else
import Dispatch
#endif
import SchedulingCore
import ServiceLifecycle
import Store

/// The booking loop: the only writer of bookings.
///
/// Callers `submit` a command and await the decision. Every command queued while the previous
/// transaction was being written is decided together by the in-memory `Ledger` and written in
/// ONE transaction (bookings, events, outbox rows); only then are its callers answered. So a
/// caller hears "confirmed" only once the row is durable, and throughput grows with load: the
/// fsync is paid once per batch, not once per booking.
public actor BookingEngine: Service {
    private struct Pending {
        let command: LedgerCommand
        let reply: CheckedContinuation<LedgerDecision, any Error>
    }

    /// Counters since start, for the bench and `/metrics`.
    public struct Statistics: Sendable, Equatable {
        public var commands = 0
        public var transactions = 0
        public var failedTransactions = 0
        public var largestBatch = 0

        /// Commands decided per transaction written.
        public var meanBatch: Double {
            transactions == 0 ? 0 : Double(commands) / Double(transactions)
        }
    }

    private let executor: DispatchQueueExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let database: AppDatabase
    private let clock: @Sendable () -> Timestamp
    private let afterCommit: @Sendable (LedgerChanges) -> Void
    private var ledger: Ledger
    private var pending: [Pending] = []
    private var flushScheduled = false
    private var accepting = true
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    public private(set) var statistics = Statistics()

    /// Loads the ledger from `database`. `afterCommit` runs on the loop after each durable batch
    /// (to wake the notifier, count metrics); keep it short.
    public init(
        database: AppDatabase, clock: @escaping @Sendable () -> Timestamp, zone: CivilZone = .europeBerlin,
        afterCommit: @escaping @Sendable (LedgerChanges) -> Void = { _ in }
    ) throws {
        executor = DispatchQueueExecutor(label: "wegweiser.booking-engine")
        self.database = database
        self.clock = clock
        self.afterCommit = afterCommit
        ledger = try database.loadLedger(zone: zone)
    }

    /// Decides `command` together with whatever else is queued and answers once it is durable.
    ///
    /// - Throws: `BookingEngineError.shuttingDown` after shutdown began, or the database error
    ///   that made the batch fail (nothing of that batch was written).
    public func submit(_ command: LedgerCommand) async throws -> LedgerDecision {
        guard accepting else { throw BookingEngineError.shuttingDown }
        return try await withCheckedThrowingContinuation { reply in
            pending.append(Pending(command: command, reply: reply))
            scheduleFlush()
        }
    }

    /// Reads the ledger's current (decided and durable) state on the loop.
    public func read<T: Sendable>(_ body: @Sendable (Ledger) -> T) -> T {
        body(ledger)
    }

    /// Runs until graceful shutdown, then stops taking commands and answers every queued one.
    public func run() async throws {
        try? await gracefulShutdown()
        await drain()
    }

    /// Stops taking new commands and returns once every accepted one is decided and written.
    public func drain() async {
        accepting = false
        guard flushScheduled || !pending.isEmpty else { return }
        await withCheckedContinuation { drainWaiters.append($0) }
    }

    private func scheduleFlush() {
        guard !flushScheduled else { return }
        flushScheduled = true
        // Queued behind the submissions already waiting on the queue, so they join this batch.
        executor.queue.async {
            self.assumeIsolated { $0.flush() }
        }
    }

    private func flush() {
        flushScheduled = false
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        guard !batch.isEmpty else { return finishDrainIfIdle() }
        let now = clock()
        var changes = LedgerChanges()
        var decisions: [LedgerDecision] = []
        decisions.reserveCapacity(batch.count)
        for item in batch {
            let (decision, events) = ledger.apply(item.command, now: now)
            changes.record(item.command, decision, events)
            decisions.append(decision)
        }
        do {
            try database.commit(changes, now: now)
            statistics.commands += batch.count
            statistics.transactions += 1
            statistics.largestBatch = max(statistics.largestBatch, batch.count)
            for (item, decision) in zip(batch, decisions) { item.reply.resume(returning: decision) }
            afterCommit(changes)
        } catch {
            statistics.failedTransactions += 1
            for item in batch { item.reply.resume(throwing: error) }
            // The ledger decided what the disk refused: take the state back from what is stored.
            do {
                ledger = try database.loadLedger(zone: ledger.zone)
            } catch {
                accepting = false
            }
        }
        finishDrainIfIdle()
    }

    private func finishDrainIfIdle() {
        guard !accepting, pending.isEmpty, !flushScheduled else { return }
        for waiter in drainWaiters { waiter.resume() }
        drainWaiters.removeAll()
    }
}

/// Why the engine did not take a command.
public enum BookingEngineError: Error, Equatable, Sendable {
    case shuttingDown
}
