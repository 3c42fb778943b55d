import Foundation
import Logging
import NIOPosix
import SchedulingCore
import ServiceLifecycle
import SMTPClient
import Store
import Synchronization

/// Drains the outbox: every due row is composed, sent, and marked sent, retried later or failed.
///
/// Transient SMTP replies (4xx), network errors and failed TLS retry with exponential back-off
/// and jitter; permanent ones (5xx) fail the row with the server's reply, which stays visible.
/// A row is marked only after the server took the mail (or its file is on disk), so a crash in
/// between sends it again after the restart — with the same Message-ID, which lets the receiving
/// side see the duplicate.
///
/// A ServiceLifecycle service: it drains when it starts (mail left by the last run), after every
/// commit of the booking engine that queued mail (`bookingsCommitted`), and once a `tick` for
/// retries, reminders and mail held back; on graceful shutdown it finishes the round in hand and
/// returns. Mail goes out over one or more transports side by side (lanes), each a child task
/// whose blocking work — composing, curl, file writes — runs on a thread pool, never on an event
/// loop or the concurrency pool.
/// Bookings never wait for any of it: their mail is a row written in their own transaction.
///
/// Mail yields to bookings. Composing and writing a mail costs the server about half of what
/// deciding, storing and answering its booking does, so while callers compete for the booking
/// engine (a storm of bookings at term start: its commits are busy), a busy commit does not wake
/// the notifier and every round takes only rows due at least `hold` ago. Mail is held while the
/// last busy commit is at most a second old (whole seconds of the clock: one to two seconds after
/// the storm); the next tick then sends everything. An advice centre booking one participant at
/// a time never makes the engine busy, so its mail goes out at once.
public actor Notifier: Service {
    /// What one drain did.
    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var retried = 0
        public var failed = 0
        public var dropped = 0
        /// Of the retried: refused for this server's sign-in or encryption, or TLS that failed as
        /// configured (certificate, CA file, host name), not for the mail.
        public var refusedForConfiguration = 0
        /// Reminders queued (they go out in the same drain when due).
        public var remindersQueued = 0

        public init(sent: Int = 0, retried: Int = 0, failed: Int = 0, dropped: Int = 0, remindersQueued: Int = 0) {
            (self.sent, self.retried, self.failed, self.dropped, self.remindersQueued) = (sent, retried, failed, dropped, remindersQueued)
        }

        mutating func add(_ other: Report) {
            sent += other.sent
            retried += other.retried
            failed += other.failed
            dropped += other.dropped
            refusedForConfiguration += other.refusedForConfiguration
            remindersQueued += other.remindersQueued
        }
    }

    /// The first retry waits this long; each further one twice as long, up to `maximumDelay`.
    public static let firstDelay: Int64 = 30
    public static let maximumDelay: Int64 = 3600
    /// Rows claimed per lane and round.
    static let roundSizePerLane = 500

    private let database: AppDatabase
    private let composer: MailComposer
    private let lanes: [MailLane]
    private let clock: @Sendable () -> Timestamp
    private let reminders: ReminderSchedule?
    private let tick: Duration
    private let hold: Int64
    /// Told what each drain did (for `/metrics`).
    private let afterDrain: @Sendable (Report) -> Void
    private let threadPool: NIOThreadPool
    private let logger: Logger
    private let wakes: AsyncStream<Void>
    private let wakeUp: AsyncStream<Void>.Continuation
    /// When the engine last reported a busy commit.
    private let lastBusyCommit = Mutex<Timestamp?>(nil)
    private var reminderScan = ReminderScan()
    private var draining: Task<Report, Never>?
    /// Counters since start.
    public private(set) var statistics = Report()

    /// - Parameters:
    ///   - transports: one per lane; a lane uses its transport from one thread at a time.
    ///   - reminders: when to remind participants before an offer; `nil` sends no reminders.
    ///   - tick: how often retries and reminders are looked for without a wake.
    ///   - hold: how long mail may wait while the booking engine is busy, in whole seconds (see the
    ///     type's description).
    public init(
        database: AppDatabase, composer: MailComposer, transports: [any MailTransport],
        reminders: ReminderSchedule? = ReminderSchedule(), tick: Duration = .seconds(1), hold: Duration = .seconds(30),
        threadPool: NIOThreadPool = .singleton, logger: Logger = Logger(label: "wegweiser.notifier"),
        afterDrain: @escaping @Sendable (Report) -> Void = { _ in },
        clock: @escaping @Sendable () -> Timestamp
    ) {
        precondition(!transports.isEmpty, "a notifier needs a transport")
        self.afterDrain = afterDrain
        self.database = database
        self.composer = composer
        self.lanes = transports.enumerated().map { MailLane(transport: $1, index: $0) }
        self.reminders = reminders
        self.tick = tick
        precondition(hold.components.attoseconds == 0, "the hold is whole seconds")
        self.hold = hold.components.seconds
        self.threadPool = threadPool
        self.logger = logger
        self.clock = clock
        // One pending wake is enough: a drain sends everything due, however many commits woke it.
        (wakes, wakeUp) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public init(
        database: AppDatabase, composer: MailComposer, transport: any MailTransport,
        reminders: ReminderSchedule? = ReminderSchedule(), logger: Logger = Logger(label: "wegweiser.notifier"),
        clock: @escaping @Sendable () -> Timestamp
    ) {
        self.init(
            database: database, composer: composer, transports: [transport], reminders: reminders, logger: logger, clock: clock)
    }

    /// Asks for a drain soon. Wakes that come while one is pending are folded into it.
    public nonisolated func wake() {
        wakeUp.yield()
    }

    /// Hears of a durable batch of the booking engine: a busy one holds mail back (see the type's
    /// description), a quiet one that queued mail wakes the notifier.
    public nonisolated func bookingsCommitted(busy: Bool, queuedMail: Bool) {
        if busy {
            let now = clock()
            lastBusyCommit.withLock { $0 = now }
        } else if queuedMail {
            wake()
        }
    }

    /// The latest moment mail sent now may have become due: `now`, or `hold` earlier while the
    /// last busy commit is at most a second old.
    private func dueBy(_ now: Timestamp) -> Timestamp {
        guard let busy = lastBusyCommit.withLock({ $0 }), now.secondsSinceEpoch - busy.secondsSinceEpoch <= 1 else { return now }
        return now.adding(seconds: -hold)
    }

    /// Drains at start, on every wake and every tick, until graceful shutdown.
    public func run() async throws {
        let ticker = Task { [tick, wakeUp] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tick)
                wakeUp.yield()
            }
        }
        defer { ticker.cancel() }
        wake()
        // A wake that arrives during shutdown ends the loop; the round in hand finishes first.
        for await _ in wakes.cancelOnGracefulShutdown() {
            _ = await drain()
        }
        let pending: String
        do {
            pending = String(try await database.pendingMailCount())
        } catch {
            pending = "unknown: \(error)"
        }
        logger.info("notifier stopped; pending mail goes out after the next start", metadata: ["sent": "\(statistics.sent)", "pending": "\(pending)"])
    }

    /// Sends every due row once and says what happened. Calls never overlap: a second caller waits
    /// for the drain in progress, then drains again.
    public func drain() async -> Report {
        // Each drain waits for the one before it: the actor alone would let two interleave at
        // their awaits and send a row twice.
        let previous = draining
        let round = Task {
            _ = await previous?.value
            return await self.drainDue()
        }
        draining = round
        let report = await round.value
        if draining == round { draining = nil }
        statistics.add(report)
        afterDrain(report)
        return report
    }

    private func drainDue() async -> Report {
        var report = Report()
        report.remindersQueued = await queueDueReminders(now: clock())
        do {
            // A key added by `wegweiser keys rotate` signs new links within a minute.
            try await composer.links?.refresh(ifOlderThan: .seconds(60))
        } catch {
            logger.error("link keys unreadable; links are signed with the keys known", metadata: ["error": "\(error)"])
        }
        // Round after round until nothing is due: rows that failed now are due only later.
        while true {
            let now = clock()
            let limit = Self.roundSizePerLane * lanes.count
            let due: [OutboxEntry]
            do {
                // Asked again each round: a storm that starts during a long drain pauses it.
                due = try await database.dueMail(now: dueBy(now), limit: limit)
            } catch {
                logger.error("outbox unreadable; the next tick tries again", metadata: ["error": "\(error)"])
                break
            }
            guard !due.isEmpty else { break }
            let outcomes = await send(due, now: now)
            do {
                let orphans = try await database.record(outcomes, now: clock())
                if !orphans.isEmpty { await discard(orphans) }
            } catch {
                // Sent but not marked: the next drain sends them again under the same Message-ID.
                logger.error("outcomes of a round not stored", metadata: ["rows": "\(outcomes.count)", "error": "\(error)"])
                break
            }
            report.count(outcomes, logger: logger)
            if due.count < limit { break }
        }
        return report
    }

    /// Has every lane's transport forget mails whose person was erased while they were sent.
    private func discard(_ outboxIds: [Int64]) async {
        do {
            try await threadPool.runIfActive { [lanes] in
                for lane in lanes { try lane.transport.discard(outboxIds: outboxIds) }
            }
        } catch {
            logger.error("mails of an erased participant not discarded; the next retention run deletes them", metadata: [
                "count": "\(outboxIds.count)", "error": "\(error)",
            ])
        }
    }

    /// Each lane composes and sends every n-th row on the thread pool; the lanes run side by side.
    private func send(_ due: [OutboxEntry], now: Timestamp) async -> [(id: Int64, outcome: MailOutcome)] {
        await withTaskGroup(of: [(id: Int64, outcome: MailOutcome)].self) { group in
            for lane in lanes {
                let share = stride(from: lane.index, to: due.count, by: lanes.count).map { due[$0] }
                guard !share.isEmpty else { continue }
                group.addTask { [threadPool, composer, logger] in
                    do {
                        return try await threadPool.runIfActive { lane.send(share, composer: composer, now: now) }
                    } catch {
                        logger.error("mail lane could not run; the rows wait", metadata: ["lane": "\(lane.index)", "error": "\(error)"])
                        return share.map { ($0.id, .retry(error: "\(error)", at: MailLane.retryAt($0, now))) }
                    }
                }
            }
            var outcomes: [(id: Int64, outcome: MailOutcome)] = []
            for await share in group { outcomes += share }
            return outcomes
        }
    }

    /// Scans at most once a minute for offers that come within the reminder lead, and queues
    /// reminders for their confirmed bookings; each offer is scanned once per process.
    private func queueDueReminders(now: Timestamp) async -> Int {
        guard let reminders, reminderScan.isDue(at: now) else { return 0 }
        let scan = reminderScan
        do {
            let (queued, next) = try await threadPool.runIfActive { [database, composer] in
                try scan.run(reminders, database: database, composer: composer, now: now)
            }
            reminderScan = next
            return queued
        } catch {
            reminderScan.postpone(from: now)
            logger.error("reminder scan failed; the next one tries again", metadata: ["error": "\(error)"])
            return 0
        }
    }

    /// 30 s, 60 s, 120 s … up to an hour, each stretched by up to a quarter at random so that
    /// mails held back by one outage do not all return in the same second.
    static func delay(afterAttempts attempts: Int) -> Int64 {
        let base = min(maximumDelay, firstDelay << Int64(min(max(attempts - 1, 0), 20)))
        return base + Int64.random(in: 0...(base / 4))
    }
}

extension Notifier.Report {
    /// Counts a round's outcomes; every failure is logged by outbox row, never by address.
    fileprivate mutating func count(_ outcomes: [(id: Int64, outcome: MailOutcome)], logger: Logger) {
        for (id, outcome) in outcomes {
            switch outcome {
            case .sent:
                sent += 1
            case .retry(let error, let at) where MailLane.isTLSProblem(error):
                retried += 1
                refusedForConfiguration += 1
                logger.error("TLS with the mail server failed; mail waits until --smtp-url's host name, --smtp-ca-file or the mail server's certificate is set right", metadata: [
                    "outbox": "\(id)", "error": "\(error)", "retryAt": "\(at.secondsSinceEpoch)",
                ])
            case .retry(let error, let at) where MailLane.isConfigurationProblem(error):
                retried += 1
                refusedForConfiguration += 1
                logger.error("the mail server refuses this server's sign-in or encryption; mail waits until --smtp-user, the password or TLS is set right", metadata: [
                    "outbox": "\(id)", "error": "\(error)", "retryAt": "\(at.secondsSinceEpoch)",
                ])
            case .retry(let error, let at):
                retried += 1
                logger.warning("mail not sent; retried later", metadata: ["outbox": "\(id)", "error": "\(error)", "retryAt": "\(at.secondsSinceEpoch)"])
            case .failed(let error):
                failed += 1
                logger.error("mail refused for good", metadata: ["outbox": "\(id)", "error": "\(error)"])
            case .dropped(let reason):
                dropped += 1
                logger.info("mail dropped", metadata: ["outbox": "\(id)", "reason": "\(reason)"])
            }
        }
    }
}
