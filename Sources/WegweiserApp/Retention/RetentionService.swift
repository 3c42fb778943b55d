import Logging
import ServiceLifecycle
import WebAPI

/// Applies the retention period while the server runs: a first run a minute after start, then
/// every hour. When the server stops it writes the audit entries still held in memory.
struct RetentionService: Service {
    let sweep: RetentionSweep
    let audit: AuditTrail
    let logger: Logger
    var firstRun: Duration = .seconds(60)
    var interval: Duration = .seconds(3600)

    func run() async throws {
        var wait = firstRun
        while !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { [wait] in try await Task.sleep(for: wait) }
            } catch {
                break  // shutdown began
            }
            wait = interval
            do {
                let report = try await sweep.run()
                if report != RetentionReport() {
                    logger.notice("retention period applied", metadata: [
                        "participants": "\(report.participants)", "idempotencyAnswers": "\(report.idempotencyAnswers)",
                        "mailRows": "\(report.mailRows)", "mailFiles": "\(report.mailFiles)", "invitations": "\(report.invitations)",
                    ])
                }
            } catch {
                logger.error("retention run failed; tried again in an hour", metadata: ["error": "\(error)"])
            }
        }
        await audit.flush()
    }
}
