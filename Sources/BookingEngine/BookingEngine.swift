#if os(Linux)
@preconcurrency import Dispatch
#else
import Dispatch
#endif
import Logging
import SchedulingCore
import ServiceLifecycle
import Store
import Synchronization

/// The booking loop: the only writer of bookings.
///
/// Callers `submit` a command and await the decision. Every command queued while earlier batches
/// were being written is decided together by the in-memory `Ledger` and written in ONE transaction
/// (bookings, events, outbox rows); only then are its callers answered. So a caller hears
/// "confirmed" only once the row is durable, and throughput grows with load: the fsync is paid once
/// per batch, not once per booking.
///
/// Deciding and writing overlap: while one batch is written on the writer queue, the loop decides
/// the next, so both cores work. At most two batches are in flight; if a write fails, the batch
/// decided on top of it fails too (nothing of either is stored) and the ledger is reloaded from disk.
///
/// Readers never come here: with each durable batch the engine publishes the catalogue as that
/// batch left it (`catalogue`), and everything about people is read from the database.
public actor BookingEngine: Service {
    /// Counters since start, for the bench and `/metrics`.
    public struct Statistics: Sendable, Equatable {
        public var commands = 0
        public var transactions = 0
        public var failedTransactions = 0
        public var largestBatch = 0
        /// Time spent in commits (writing and syncing), summed.
        public var writeTime = Duration.zero

        /// Mean time one commit took, in milliseconds.
        public var meanWriteMs: Double {
            guard transactions > 0 else { return 0 }
            return writeTime.milliseconds / Double(transactions)
        }

        /// Commands decided per transaction written.
        public var meanBatch: Double {
            transactions == 0 ? 0 : Double(commands) / Double(transactions)
        }
    }

    private let executor: DispatchQueueExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let database: AppDatabase
    private let writer: BatchWriter
    private let checkpointer: WALCheckpointer
    private let clock: @Sendable () -> Timestamp
    private let afterCommit: @Sendable (Commit) -> Void
    private let logger: Logger
    /// Carries the error that stopped the engine for good to `run()`, which ends the service group.
    private let (death, dying) = AsyncStream.makeStream(of: (any Error).self)
    private var ledger: Ledger
    private let mailbox = Mailbox()
    /// The catalogue as of the last durable batch; replaced from the writer's thread.
    private let published: Mutex<CatalogueSnapshot>
    private var inFlight = 0
    private var recovering = false
    private var accepting = true
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    public private(set) var statistics = Statistics()

    /// A durable batch, as `afterCommit` hears of it.
    public struct Commit: Sendable {
        public let changes: LedgerChanges
        /// Callers compete for the engine: this batch decided more than one command, or was decided
        /// while another batch was being written. One caller booking at a time, as an advice
        /// centre books, is never busy.
        public let busy: Bool
    }

    /// Loads the ledger from `database`. `afterCommit` runs on the loop after each durable batch
    /// (to wake the notifier, count metrics); keep it short.
    public init(
        database: AppDatabase, clock: @escaping @Sendable () -> Timestamp, zone: CivilZone = .europeBerlin,
        logger: Logger = Logger(label: "wegweiser.booking-engine"),
        afterCommit: @escaping @Sendable (Commit) -> Void = { _ in }
    ) throws {
        executor = DispatchQueueExecutor(label: "wegweiser.booking-engine")
        writer = BatchWriter(database: database)
        checkpointer = try WALCheckpointer(path: database.path)
        self.database = database
        self.clock = clock
        self.afterCommit = afterCommit
        self.logger = logger
        let ledger = try database.loadLedger(zone: zone)
        self.ledger = ledger
        published = Mutex(ledger.catalogue)
    }

    /// The offers, their seats and taken slots as of the last durable batch. Never waits for the
    /// engine: it is the value the engine published last.
    public nonisolated var catalogue: CatalogueSnapshot {
        published.withLock { $0 }
    }

    /// Decides `command` together with whatever else is queued and answers once it is durable.
    ///
    /// - Throws: `BookingEngineError.shuttingDown` after shutdown began, or the database error
    ///   that made the batch fail (nothing of that batch was written).
    public nonisolated func submit(_ command: LedgerCommand) async throws -> LedgerDecision {
        try await withCheckedThrowingContinuation { reply in
            switch mailbox.post(Mailbox.Pending(command: command, reply: reply)) {
            case .scheduleFlush: scheduleFlush()
            case .queued: break
            case .refused: reply.resume(throwing: BookingEngineError.shuttingDown)
            }
        }
    }

    /// Runs until graceful shutdown, then stops taking commands and answers every queued one.
    ///
    /// - Throws: the error that stopped the engine for good (its ledger could not be reloaded after
    ///   a failed write), so that the service group, and `serve`, end instead of running without one.
    public func run() async throws {
        for await error in death.cancelOnGracefulShutdown() { throw error }
        await drain()
    }

    /// Stops taking new commands and returns once every accepted one is decided and written.
    public func drain() async {
        accepting = false
        mailbox.close()
        guard !isIdle else { return }
        await withCheckedContinuation { drainWaiters.append($0) }
    }

    private var isIdle: Bool {
        mailbox.isEmpty && inFlight == 0
    }

    private nonisolated func scheduleFlush() {
        executor.queue.async {
            self.assumeIsolated { $0.flush() }
        }
    }

    private func flush() {
        // At most two batches in flight: one being written, one decided and waiting for the writer.
        // Whatever arrives meanwhile waits and makes the next batch larger.
        guard !recovering, inFlight < 2 else { return mailbox.releaseFlush() }
        let batch = mailbox.takeAll()
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
        // Busy: callers compete, so this batch decided more than one command or was decided while
        // another was being written. One caller booking at a time is never busy: its next command
        // reaches the loop only after the report of the last one (queued before it was answered).
        let commit = Commit(changes: changes, busy: batch.count > 1 || inFlight > 0)
        inFlight += 1
        let answers = zip(batch.map(\.reply), decisions).map { ($0, $1) }
        // Shares the ledger's storage; the next batch's changes copy only what they touch.
        let catalogue = ledger.catalogue
        writer.write(changes, now: now) { result in
            self.executor.queue.async {
                self.assumeIsolated { $0.written(count: answers.count, commit, result) }
            }
            // Callers are answered from the writer's thread the moment their batch is durable;
            // the loop meanwhile goes on deciding. The catalogue is published first, so a caller
            // that reads after its answer sees its own booking.
            switch result {
            case .success:
                self.published.withLock { $0 = catalogue }
                for (reply, decision) in answers { reply.resume(returning: decision) }
            case .failure(let error): for (reply, _) in answers { reply.resume(throwing: error) }
            }
        }
    }

    private func written(count: Int, _ commit: Commit, _ result: Result<Duration, any Error>) {
        inFlight -= 1
        switch result {
        case .success(let duration):
            statistics.writeTime += duration
            statistics.commands += count
            statistics.transactions += 1
            statistics.largestBatch = max(statistics.largestBatch, count)
            afterCommit(commit)
        case .failure(let error):
            statistics.failedTransactions += 1
            recovering = true
            logger.error("batch not written; its callers got the error", metadata: ["commands": "\(count)", "error": "\(error)"])
        }
        if recovering && inFlight == 0 { recover() }
        if mailbox.claimFlushIfPending() { flush() }
        finishDrainIfIdle()
    }

    private func finishDrainIfIdle() {
        guard !accepting, isIdle else { return }
        for waiter in drainWaiters { waiter.resume() }
        drainWaiters.removeAll()
    }

    /// The ledger decided what the disk refused: take the state back from what is stored.
    private func recover() {
        do {
            ledger = try database.loadLedger(zone: ledger.zone)
            published.withLock { $0 = ledger.catalogue }
            writer.resume()
            recovering = false
            logger.warning("ledger reloaded from the database after a failed write")
        } catch {
            accepting = false
            mailbox.close()
            for item in mailbox.takeAll() { item.reply.resume(throwing: error) }
            logger.critical("the ledger cannot be reloaded; the booking engine stops", metadata: ["error": "\(error)"])
            dying.yield(error)
        }
    }
}

/// Why the engine did not take a command.
public enum BookingEngineError: Error, Equatable, Sendable {
    case shuttingDown
}
