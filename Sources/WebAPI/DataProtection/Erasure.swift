import BookingEngine
import Logging
import Notifier
import SchedulingCore
import Store

/// Erases participants so that nothing is left of them: the booking engine cancels their bookings
/// and blanks them in one commit (deleting their mail rows, idempotency answers and the link from
/// events to them), their mail files go, and the write-ahead log that still holds the old pages
/// is truncated. A centre's `DELETE` and the retention period take this one path.
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

    /// Erases each of `participantIds` still known; returns how many were erased.
    @discardableResult
    public func erase(_ participantIds: [String], by actor: AuditActor) async throws -> Int {
        var mailIds: [Int64] = []
        var erased = 0
        for id in participantIds {
            mailIds += try await database.mailIds(participantId: id)
            let decision = try await engine.submit(.eraseParticipant(participantId: id))
            if case .rejected(let rejection) = decision {
                // Erased meanwhile by someone else: nothing left to do for this one.
                logger.notice("participant not erased", metadata: ["participant": "\(id)", "reason": "\(rejection)"])
                continue
            }
            audit.record(.participantErased, by: actor, participantId: id)
            erased += 1
        }
        if let mailFolder, !mailIds.isEmpty {
            do {
                try await mailFolder.remove(outboxIds: mailIds)
            } catch {
                logger.error("mail files of erased participants not deleted; the next retention run tries again", metadata: [
                    "error": "\(error)",
                ])
            }
        }
        try await truncateLog()
        return erased
    }

    /// Truncates the write-ahead log; failing, says so in its own error, for the erasure itself
    /// is committed and only the old pages' copy waits.
    public func truncateLog() async throws {
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
