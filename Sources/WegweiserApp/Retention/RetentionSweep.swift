import BookingEngine
import Foundation
import Logging
import Notifier
import SchedulingCore
import Store
import WebAPI

/// One run of the retention period: erases participants past it (by `Erasure`, as a centre's
/// `DELETE` does), lets the engine forget expired idempotency answers, clears what finished mail
/// rows said, and deletes mail files that are old or whose person is gone.
public struct RetentionSweep: Sendable {
    let database: AppDatabase
    let engine: BookingEngine
    let erasure: Erasure
    let mailFolder: MailFolder?
    let policy: RetentionPolicy
    let clock: @Sendable () -> Timestamp

    public init(
        database: AppDatabase, engine: BookingEngine, erasure: Erasure, mailFolder: MailFolder?, policy: RetentionPolicy,
        clock: @escaping @Sendable () -> Timestamp
    ) {
        self.database = database
        self.engine = engine
        self.erasure = erasure
        self.mailFolder = mailFolder
        self.policy = policy
        self.clock = clock
    }

    /// What a run now would delete.
    public func plan() async throws -> RetentionReport {
        try await Self.plan(database: database, mailFolder: mailFolder, policy: policy, now: clock())
    }

    /// What a run at `now` would delete, from the database alone (`wegweiser retention --dry-run`).
    public static func plan(database: AppDatabase, mailFolder: MailFolder?, policy: RetentionPolicy, now: Timestamp) async throws -> RetentionReport {
        var report = RetentionReport()
        report.participants = try await database.participantsPastRetention(cutoff: policy.participantCutoff(now)).count
        report.idempotencyAnswers = try await database.idempotencyAnswerCount(before: policy.idempotencyCutoff(now))
        report.mailRows = try await database.finishedMailWithContent(before: policy.mailCutoff(now))
        report.invitations = try await database.expiredInvitations(at: now)
        if let mailFolder { report.mailFiles = try await expiredFiles(in: mailFolder, database: database, policy: policy, now: now).count }
        return report
    }

    /// Deletes what is past its time; returns what went.
    public func run() async throws -> RetentionReport {
        let now = clock()
        var report = RetentionReport()
        // Erasures a stop interrupted are finished first.
        let unfinished = try await database.erasedWithLeftovers()
        if !unfinished.isEmpty { try await erasure.finish(unfinished) }
        let cutoff = policy.participantCutoff(now)
        let people = try await database.participantsPastRetention(cutoff: cutoff)
        // The ledger checks each again as it decides: someone who booked since this read stays.
        for chunk in stride(from: 0, to: people.count, by: 500).map({ Array(people[$0..<min($0 + 500, people.count)]) }) {
            report.participants += try await erasure.erase(chunk, by: .retention, idleSince: cutoff)
        }
        report.idempotencyAnswers = try await database.idempotencyAnswerCount(before: policy.idempotencyCutoff(now))
        if report.idempotencyAnswers > 0 { _ = try await engine.submit(.forgetReplays(before: policy.idempotencyCutoff(now))) }
        report.mailRows = try await database.stripFinishedMail(before: policy.mailCutoff(now))
        report.invitations = try await database.deleteExpiredInvitations(at: now)
        if let mailFolder {
            let expired = try await Self.expiredFiles(in: mailFolder, database: database, policy: policy, now: now)
            try await mailFolder.remove(paths: expired)
            report.mailFiles = expired.count
        }
        return report
    }

    /// Mail files older than the mail period, or whose row is gone or whose person was erased.
    static func expiredFiles(in folder: MailFolder, database: AppDatabase, policy: RetentionPolicy, now: Timestamp) async throws -> [String] {
        let cutoff = Date(timeIntervalSince1970: TimeInterval(policy.mailCutoff(now).secondsSinceEpoch))
        return try await folder.files(goneFrom: database, orWrittenBefore: cutoff).map(\.path)
    }
}
