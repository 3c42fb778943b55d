import BookingEngine
import Logging
import Notifier
import SchedulingCore
import Store

/// Erases participants so that nothing is left of them: the booking engine cancels their bookings,
/// blanks them and drops their unsent mail in one commit; then their mail rows and the events'
/// link to them go (`AppDatabase.forgetErased`), the mail files whose rows are gone, and the
/// write-ahead log that still holds the old pages is truncated. A centre's `DELETE` and the
/// retention period take this one path.
public struct Erasure: Sendable {
    let database: AppDatabase
    let engine: BookingEngine
    let mailFolder: MailFolder?
    let audit: AuditTrail
    let logger: Logger

    public init(database: AppDatabase, engine: BookingEngine, mailFolder: MailFolder?, audit: AuditTrail, logger: Logger) {
        self.database = database
        self.engine = engine
        self.mailFolder = mailFolder
        self.audit = audit
        self.logger = logger
    }

    /// Erases each of `participantIds` still known (with `idleSince`, only those for whom nothing
    /// went on since, as the ledger decides); returns how many were erased.
    ///
    /// The commands go to the engine together, so it decides and commits them in as few batches
    /// as it can; then the mail rows and event links go (`AppDatabase.forgetErased`), the mail
    /// files whose rows are gone, and the log.
    @discardableResult
    public func erase(_ participantIds: [String], by actor: AuditActor, idleSince: Timestamp? = nil) async throws -> Int {
        let erased = try await withThrowingTaskGroup(of: String?.self) { group in
            for id in participantIds {
                group.addTask {
                    let command: LedgerCommand = idleSince.map { .eraseIdleParticipant(participantId: id, idleSince: $0) }
                        ?? .eraseParticipant(participantId: id)
                    let decision = try await engine.submit(command)
                    if case .rejected(let rejection) = decision {
                        // Erased meanwhile, or (retention) active again: nothing to do for this one.
                        logger.notice("participant not erased", metadata: ["participant": "\(id)", "reason": "\(rejection)"])
                        return nil
                    }
                    return id
                }
            }
            return try await group.reduce(into: [String]()) { if let id = $1 { $0.append(id) } }
        }
        for id in erased { audit.record(.participantErased, by: actor, participantId: id) }
        try await finish(erased)
        return erased.count
    }

    /// What follows the commit of erasures, also for ones finished before (an erasure asked
    /// again, or one a stop interrupted): their mail rows and event links, mail files whose rows
    /// are gone, then the log.
    public func finish(_ participantIds: [String]) async throws {
        try await database.forgetErased(participantIds)
        if let mailFolder {
            do {
                try await mailFolder.remove(paths: try await mailFolder.files(goneFrom: database).map(\.path))
            } catch {
                logger.error("mail files of erased participants not deleted; the next retention run tries again", metadata: [
                    "error": "\(error)",
                ])
            }
        }
        try await truncateLog()
    }

    /// Truncates the write-ahead log; failing, says so in its own error, for the erasure itself
    /// is committed and only the old pages' copy waits.
    func truncateLog() async throws {
        do {
            try await database.truncateLog()
        } catch {
            logger.error("write-ahead log not truncated after an erasure; old pages stay in it until the next erasure", metadata: [
                "error": "\(error)",
            ])
            throw ErasureLogNotTruncated()
        }
    }
}

/// The erasure is committed, but the write-ahead log still holds the old pages: another process
/// (a backup) kept reading for longer than the truncation waits.
public struct ErasureLogNotTruncated: Error {}
