import ArgumentParser
import BookingEngine
import Foundation
import Logging
import Notifier
import Store
import WebAPI
import WegweiserApp

/// `wegweiser retention`: what the retention period deletes, listed (`--dry-run`) or done now.
struct Retention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List (--dry-run) or delete what is past the retention period: counts only, never names.",
        discussion: """
            A running server applies the period itself every hour; without --dry-run this command is for a stopped one. \
            It erases participants with no active booking and no change for --retention-months, forgets idempotency \
            answers older than 48 hours, clears what finished mail rows said after 30 days, and deletes mail files \
            that are older or whose participant is gone, and staff invitations that expired unused.
            """)

    @Option(help: "The SQLite database (default wegweiser.sqlite).") var db: String?
    @Option(help: "The retention period for participants in months (default 24).") var retentionMonths: Int?
    @Option(help: "The folder of .eml files of file mode (default mail-out/, if it exists).") var mailDir: String?
    @Flag(help: "Only count what would go; change nothing.") var dryRun = false
    @Flag(help: "Print the counts as one JSON object.") var json = false

    func run() async throws {
        let policy = try Serve.retention(retentionMonths)
        let path = Environment.database(db)
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(path) does not exist") }
        let folderPath = mailDir ?? Environment.value(forFlag: "mail-dir") ?? "mail-out"
        let mailFolder = FileManager.default.fileExists(atPath: folderPath) ? MailFolder(directory: URL(fileURLWithPath: folderPath)) : nil
        let report: RetentionReport
        if dryRun {
            guard try AppDatabase.isCurrent(path: path) else {
                throw ValidationError("\(path) is from an older version of Wegweiser; a dry run changes nothing, so start `wegweiser serve` on it once first.")
            }
            let database = try AppDatabase(path: path)
            report = try await RetentionSweep.plan(database: database, mailFolder: mailFolder, policy: policy, now: SystemClock.now())
        } else {
            let lock = try DatabaseLock.claim(path) { path in
                "\(path) is in use by a running `wegweiser serve`, which applies the retention period every hour; use --dry-run to see what it will delete."
            }
            defer { lock.release() }
            let logger = Logger(label: "wegweiser.retention")
            let database = try AppDatabase(path: path)
            let engine = try BookingEngine(database: database, clock: SystemClock.now, logger: logger)
            let audit = AuditTrail(database: database, clock: SystemClock.now, logger: logger)
            let erasure = Erasure(database: database, engine: engine, mailFolder: mailFolder, audit: audit, logger: logger)
            report = try await RetentionSweep(
                database: database, engine: engine, erasure: erasure, mailFolder: mailFolder, policy: policy, clock: SystemClock.now
            ).run()
            await engine.drain()
            await audit.flush()
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print((dryRun ? "Would delete: " : "Deleted: ") + report.description + ".")
        }
    }
}
