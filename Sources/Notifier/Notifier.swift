import Dispatch
import Foundation
import SchedulingCore
import SMTPClient
import Store
import Synchronization

/// Drains the outbox: every due row is composed, sent, and marked sent, retried later or failed.
///
/// Transient SMTP replies (4xx) and network errors retry with exponential back-off and jitter;
/// permanent ones (5xx) fail the row with the server's reply, which stays visible. A row is
/// marked only after the server took the mail, so a crash in between sends it again after the
/// restart — with the same Message-ID, which lets the receiving side see the duplicate.
///
/// Mail goes out over one or more transports side by side (lanes), each composing its own share
/// on its own thread: SMTP waits on a reply after every command, and parallel connections are how
/// a sender keeps a server busy. The outcomes of each round are recorded in one transaction.
public final class Notifier: @unchecked Sendable {
    /// What one drain did.
    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var retried = 0
        public var failed = 0
        public var dropped = 0
        /// Reminders queued (they go out in the same drain when due).
        public var remindersQueued = 0
    }

    // `totals`, `remindedOffers` and `nextReminderScan` are used only on `worker`.
    private let worker = BackgroundWorker(name: "notifier")
    private let timerQueue = DispatchQueue(label: "wegweiser.notifier.timer")
    private let database: AppDatabase
    private let composer: MailComposer
    private let lanes: [Lane]
    private let clock: @Sendable () -> Timestamp
    private let reminders: ReminderSchedule?
    private let pressure: BookingPressure?
    /// Guarded by `timerLock`.
    private var timer: DispatchSourceTimer?
    private let timerLock = NSLock()
    private var totals = Report()
    private var remindedOffers: Set<OfferRef> = []
    /// A drain is queued by `wake()` and has not begun: further wakes need no second one.
    private let wakeQueued = Mutex(false)
    private var nextReminderScan = Timestamp(secondsSinceEpoch: 0)

    /// The first retry waits this long; each further one twice as long, up to `maximumDelay`.
    public static let firstDelay: Int64 = 30
    public static let maximumDelay: Int64 = 3600
    /// Rows claimed per lane and round.
    static let roundSizePerLane = 500
    /// Mail due longer than this is sent at normal priority, however busy the machine.
    static let urgentAfterSeconds: Int64 = 60

    /// - Parameters:
    ///   - transports: one per lane; each is used from its own thread only.
    ///   - reminders: when to remind participants before an offer; `nil` sends no reminders.
    ///   - pressure: while it says the booking loop is busy, `wake()` and the timer hold mail back.
    public init(
        database: AppDatabase, composer: MailComposer, transports: [any MailTransport], reminders: ReminderSchedule? = ReminderSchedule(),
        pressure: BookingPressure? = nil, clock: @escaping @Sendable () -> Timestamp
    ) {
        precondition(!transports.isEmpty, "a notifier needs a transport")
        self.database = database
        self.composer = composer
        self.lanes = transports.enumerated().map { Lane(transport: $1, index: $0) }
        self.reminders = reminders
        self.pressure = pressure
        self.clock = clock
    }

    public convenience init(
        database: AppDatabase, composer: MailComposer, transport: any MailTransport, reminders: ReminderSchedule? = ReminderSchedule(),
        pressure: BookingPressure? = nil, clock: @escaping @Sendable () -> Timestamp
    ) {
        self.init(database: database, composer: composer, transports: [transport], reminders: reminders, pressure: pressure, clock: clock)
    }

    deinit {
        worker.stop()
        for lane in lanes { lane.worker.stop() }
    }

    /// Sends every due row once, on the notifier's thread, and says what happened (whatever the
    /// booking pressure).
    public func drain() -> Report {
        worker.sync { self.drainOnWorker(yieldingToBookings: false) }
    }

    /// Drains every `interval` until `stop()`, and whenever `wake()` is called.
    public func start(every interval: DispatchTimeInterval = .seconds(1)) {
        // Mail left pending by the last run goes now, not only on the first tick.
        wake()
        let source = DispatchSource.makeTimerSource(queue: timerQueue)
        source.schedule(deadline: .now(), repeating: interval)
        source.setEventHandler { [weak self] in self?.wake() }
        source.resume()
        timerLock.withLock { timer = source }
    }

    /// Drains soon: the booking engine calls this after a commit that wrote mail. Wakes that come
    /// while a drain is queued are folded into it, so a booking storm queues one drain at a time;
    /// while `pressure` holds mail back, a wake does nothing and a later tick sends the mail.
    public func wake() {
        if let pressure, pressure.holdsMail() { return }
        let alreadyQueued = wakeQueued.withLock { queued in
            defer { queued = true }
            return queued
        }
        guard !alreadyQueued else { return }
        worker.async {
            self.wakeQueued.withLock { $0 = false }
            _ = self.drainOnWorker(yieldingToBookings: true)
        }
    }

    /// Stops the timer and waits for a drain in progress to finish.
    public func stop() {
        timerLock.withLock {
            timer?.cancel()
            timer = nil
        }
        worker.sync {}
    }

    /// Counters since start.
    public var statistics: Report {
        worker.sync { self.totals }
    }

    /// Whether the notifier's thread runs at normal priority now (after a drain that found mail
    /// waiting longer than `urgentAfterSeconds`).
    var isUrgent: Bool {
        worker.sync { BackgroundWorker.isUrgent }
    }

    private func drainOnWorker(yieldingToBookings: Bool) -> Report {
        var report = Report()
        report.remindersQueued = queueDueReminders(now: clock())
        // Round after round until nothing is due: rows that failed now are due only later.
        var caughtUp = false
        while true {
            let now = clock()
            guard let due = try? database.dueMail(now: now, limit: Self.roundSizePerLane * lanes.count) else { break }
            guard !due.isEmpty else {
                caughtUp = true
                break
            }
            // Rows come oldest due first: a long wait makes the threads compete for the CPU again.
            let urgent = now.secondsSinceEpoch - due[0].nextAttemptAt > Self.urgentAfterSeconds
            BackgroundWorker.setPolicy(urgent: urgent)
            let outcomes = send(due, now: now, urgent: urgent)
            do {
                try database.record(outcomes, now: clock())
            } catch {
                break  // tried again on the next tick; a mail sent twice keeps its Message-ID
            }
            for (_, outcome) in outcomes {
                switch outcome {
                case .sent: report.sent += 1
                case .retry: report.retried += 1
                case .failed: report.failed += 1
                case .dropped: report.dropped += 1
                }
            }
            if due.count < Self.roundSizePerLane * lanes.count {
                caughtUp = true
                break
            }
            // A storm that began during this drain holds the rest back too.
            if yieldingToBookings, let pressure, pressure.holdsMail() { break }
        }
        if caughtUp { pressure?.caughtUp() }
        totals.sent += report.sent
        totals.retried += report.retried
        totals.failed += report.failed
        totals.dropped += report.dropped
        totals.remindersQueued += report.remindersQueued
        return report
    }

    /// Each lane composes and sends every n-th row; the lanes run side by side.
    private func send(_ due: [OutboxEntry], now: Timestamp, urgent: Bool) -> [(id: Int64, outcome: MailOutcome)] {
        if lanes.count == 1 { return lanes[0].send(due, composer: composer, now: now) }
        let group = DispatchGroup()
        for lane in lanes {
            let share = stride(from: lane.index, to: due.count, by: lanes.count).map { due[$0] }
            group.enter()
            lane.worker.async {
                BackgroundWorker.setPolicy(urgent: urgent)
                lane.results = lane.send(share, composer: self.composer, now: now)
                group.leave()
            }
        }
        group.wait()
        return lanes.flatMap { lane in
            defer { lane.results = [] }
            return lane.results
        }
    }

    /// Scans at most once a minute for offers that come within the reminder lead, and queues
    /// reminders for their confirmed bookings; each offer is scanned once per process.
    private func queueDueReminders(now: Timestamp) -> Int {
        guard let reminders, now >= nextReminderScan else { return 0 }
        nextReminderScan = now.adding(seconds: 60)
        let horizon = now.adding(seconds: reminders.leadSeconds)
        do {
            var starts: [OfferRef: Timestamp] = [:]
            for slot in try database.slots(startingAfter: now, through: horizon) { starts[.slot(slot.id)] = slot.start }
            let zone = composer.zone
            for course in try database.courses(startingFrom: zone.local(now).date, through: zone.local(horizon).date) {
                guard let start = ReminderSchedule.firstMeeting(of: course, calendars: composer.calendars, zone: zone),
                      start > now, start <= horizon else { continue }
                starts[.course(course.id)] = start
            }
            let fresh = starts.filter { !remindedOffers.contains($0.key) }
            guard !fresh.isEmpty else { return 0 }
            var courseIds: Set<String> = [], slotIds: Set<String> = []
            for offer in fresh.keys {
                switch offer {
                case .course(let id): courseIds.insert(id)
                case .slot(let id): slotIds.insert(id)
                }
            }
            let bookings = try database.confirmedBookings(courseIds: courseIds, slotIds: slotIds)
            let queued = try database.queueReminders(reminders.due(bookings: bookings, starts: fresh, now: now), now: now)
            remindedOffers.formUnion(fresh.keys)
            return queued
        } catch {
            return 0  // the next scan tries again
        }
    }

    /// 30 s, 60 s, 120 s … up to an hour, each stretched by up to a quarter at random so that
    /// mails held back by one outage do not all return in the same second.
    static func delay(afterAttempts attempts: Int) -> Int64 {
        let base = min(maximumDelay, firstDelay << Int64(min(max(attempts - 1, 0), 20)))
        return base + Int64.random(in: 0...(base / 4))
    }
}

/// One transport and the thread it is used on.
private final class Lane: @unchecked Sendable {
    let transport: any MailTransport
    let index: Int
    let worker: BackgroundWorker
    /// Written on `worker`, read after the round's group has finished.
    var results: [(id: Int64, outcome: MailOutcome)] = []

    init(transport: any MailTransport, index: Int) {
        self.transport = transport
        self.index = index
        worker = BackgroundWorker(name: "notifier-lane\(index)")
    }

    func send(_ entries: [OutboxEntry], composer: MailComposer, now: Timestamp) -> [(id: Int64, outcome: MailOutcome)] {
        let facts: [MailFacts?]
        do {
            facts = try composer.database.mailFacts(for: entries.map { ($0.bookingId, $0.participantId) })
        } catch {
            // The database could not be read: not the mails' fault, so they are tried again.
            return entries.map { ($0.id, .retry(error: String(describing: error), at: Self.retryAt($0, now))) }
        }
        return zip(entries, facts).map { entry, facts in (entry.id, outcome(of: entry, facts: facts, composer: composer, now: now)) }
    }

    private static func retryAt(_ entry: OutboxEntry, _ now: Timestamp) -> Timestamp {
        now.adding(seconds: Notifier.delay(afterAttempts: entry.attempts + 1))
    }

    private func outcome(of entry: OutboxEntry, facts: MailFacts?, composer: MailComposer, now: Timestamp) -> MailOutcome {
        let retryAt = Self.retryAt(entry, now)
        do {
            let message = try composer.compose(entry, facts: facts, now: now)
            try transport.deliver(message, envelopeFrom: composer.sender.address, to: message.to.address)
            return .sent
        } catch let error as SMTPError {
            switch error {
            case .permanent(let code, let message): return .failed(error: "\(code) \(message)")
            case .transient(let code, let message): return .retry(error: "\(code) \(message)", at: retryAt)
            case .network(let message): return .retry(error: message, at: retryAt)
            }
        } catch let obsolete as MailComposer.Obsolete {
            return .dropped(reason: obsolete.description)
        } catch let unsendable as MailComposer.Unsendable {
            return .failed(error: unsendable.description)
        } catch {
            return .failed(error: String(describing: error))
        }
    }
}
