import Dispatch
import Foundation
import SchedulingCore
import SMTPClient
import Store

/// Drains the outbox: every due row is composed, sent, and marked sent, retried later or failed.
///
/// Transient SMTP replies (4xx) and network errors retry with exponential back-off and jitter;
/// permanent ones (5xx) fail the row with the server's reply, which stays visible. A row is
/// marked only after the server took the mail, so a crash in between sends it again after the
/// restart — with the same Message-ID, which lets the receiving side see the duplicate.
public final class Notifier: @unchecked Sendable {
    /// What one drain did.
    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var retried = 0
        public var failed = 0
    }

    // `transport` and `totals` are used only on `queue`.
    private let queue = DispatchQueue(label: "wegweiser.notifier")
    private let database: AppDatabase
    private let composer: MailComposer
    private let transport: any MailTransport
    private let clock: @Sendable () -> Timestamp
    private var timer: DispatchSourceTimer?
    private var totals = Report()

    /// The first retry waits this long; each further one twice as long, up to `maximumDelay`.
    public static let firstDelay: Int64 = 30
    public static let maximumDelay: Int64 = 3600

    public init(database: AppDatabase, composer: MailComposer, transport: any MailTransport, clock: @escaping @Sendable () -> Timestamp) {
        self.database = database
        self.composer = composer
        self.transport = transport
        self.clock = clock
    }

    /// Sends every due row once, on the notifier's queue, and says what happened.
    public func drain() -> Report {
        queue.sync { drainOnQueue() }
    }

    /// Drains every `interval` until `stop()`, and whenever `wake()` is called.
    public func start(every interval: DispatchTimeInterval = .seconds(1)) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: interval)
        timer.setEventHandler { [weak self] in _ = self?.drainOnQueue() }
        timer.resume()
        queue.sync { self.timer = timer }
    }

    /// Drains soon: the booking engine calls this after a commit that wrote mail.
    public func wake() {
        queue.async { _ = self.drainOnQueue() }
    }

    public func stop() {
        queue.sync {
            timer?.cancel()
            timer = nil
        }
    }

    /// Counters since start: sent, retried and failed mails.
    public var statistics: Report {
        queue.sync { totals }
    }

    private func drainOnQueue() -> Report {
        var report = Report()
        let now = clock()
        guard let due = try? database.dueMail(now: now) else { return report }
        for entry in due {
            do {
                let message = try composer.compose(entry)
                try transport.deliver(message, envelopeFrom: composer.sender.address, to: message.to.address)
                try database.markSent(entry.id, now: clock())
                report.sent += 1
            } catch let error as SMTPError {
                report = record(error, for: entry, now: now, into: report)
            } catch {
                try? database.markFailed(entry.id, error: String(describing: error))
                report.failed += 1
            }
        }
        totals.sent += report.sent
        totals.retried += report.retried
        totals.failed += report.failed
        return report
    }

    private func record(_ error: SMTPError, for entry: OutboxEntry, now: Timestamp, into report: Report) -> Report {
        var report = report
        switch error {
        case .permanent(let code, let message):
            try? database.markFailed(entry.id, error: "\(code) \(message)")
            report.failed += 1
        case .transient(let code, let message):
            try? database.markRetry(entry.id, error: "\(code) \(message)", retryAt: now.adding(seconds: Self.delay(afterAttempts: entry.attempts + 1)))
            report.retried += 1
        case .network(let message):
            try? database.markRetry(entry.id, error: message, retryAt: now.adding(seconds: Self.delay(afterAttempts: entry.attempts + 1)))
            report.retried += 1
        }
        return report
    }

    /// 30 s, 60 s, 120 s … up to an hour, each stretched by up to a quarter at random so that
    /// mails held back by one outage do not all return in the same second.
    static func delay(afterAttempts attempts: Int) -> Int64 {
        let base = min(maximumDelay, firstDelay << Int64(min(max(attempts - 1, 0), 20)))
        return base + Int64.random(in: 0...(base / 4))
    }
}
