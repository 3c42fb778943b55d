import Logging
import SchedulingCore
import Store
import Synchronization

/// Collects audit entries from requests and writes them in batches, a quarter of a second apart:
/// reads of personal data are many, and a transaction of their own each would compete with the
/// booking engine for the one SQLite writer. `flush()` writes at once; the server calls it when
/// it stops, and `GET /v1/audit` before it answers.
public final class AuditTrail: Sendable {
    private let database: AppDatabase
    private let clock: @Sendable () -> Timestamp
    private let logger: Logger
    private struct State {
        var pending: [AuditEntry] = []
        var flushScheduled = false
    }
    private let state = Mutex(State())

    public init(database: AppDatabase, clock: @escaping @Sendable () -> Timestamp, logger: Logger) {
        self.database = database
        self.clock = clock
        self.logger = logger
    }

    /// Notes that `actor` did `action`, about `participantId` and `subject`.
    public func record(_ action: AuditAction, by actor: AuditActor, participantId: String? = nil, subject: String? = nil) {
        record(action, by: actor, participantIds: [participantId], subject: subject)
    }

    /// One entry per participant (a roster read names each person it showed).
    public func record(_ action: AuditAction, by actor: AuditActor, participantIds: some Sequence<String?>, subject: String? = nil) {
        let at = clock().secondsSinceEpoch
        let entries = participantIds.map {
            AuditEntry(
                at: at, organisationId: actor.organisationId, person: actor.person, action: action.rawValue, participantId: $0,
                subject: subject, address: actor.address)
        }
        guard !entries.isEmpty else { return }
        keep(entries, atFront: false, flushAfter: .milliseconds(250))
    }

    /// Adds `entries` to those waiting and has a flush follow `delay` later, unless one is due.
    private func keep(_ entries: [AuditEntry], atFront: Bool, flushAfter delay: Duration) {
        let schedule = state.withLock { state in
            state.pending.insert(contentsOf: entries, at: atFront ? 0 : state.pending.endIndex)
            defer { state.flushScheduled = true }
            return !state.flushScheduled
        }
        guard schedule else { return }
        Task {
            try? await Task.sleep(for: delay)  // cancelled only with the process; flush at once then
            await flush()
        }
    }

    /// Writes everything recorded so far; on failure the entries stay for the next try and the
    /// failure is logged.
    public func flush() async {
        let entries = state.withLock { state in
            defer {
                state.pending.removeAll()
                state.flushScheduled = false
            }
            return state.pending
        }
        do {
            try await database.append(audit: entries)
        } catch {
            logger.error("audit entries not written; kept for the next try", metadata: ["count": "\(entries.count)", "error": "\(error)"])
            keep(entries, atFront: true, flushAfter: .seconds(1))
        }
    }
}
