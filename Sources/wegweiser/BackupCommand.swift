import ArgumentParser
import Foundation
import Store

/// `wegweiser backup`: a consistent copy of a database, also of one a server is writing to.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database, consistent as of one instant, while the server keeps running.",
        discussion: """
            The copy is one snapshot (SQLite's VACUUM INTO): every booking acknowledged before the backup began is in it. \
            It holds no deleted data, is readable by this user only, and is checked before it is kept. \
            docs/operations.md says how to restore it.
            """)

    @Option(help: "The SQLite database (default wegweiser.sqlite).") var db: String?
    @Option(help: "The backup file to create; it must not exist yet.") var to: String

    func run() async throws {
        let source = Environment.database(db)
        guard FileManager.default.fileExists(atPath: source) else { throw ValidationError("\(source) does not exist") }
        guard !FileManager.default.fileExists(atPath: to) else { throw ValidationError("\(to) exists already; choose a new name") }
        let started = ContinuousClock.now
        let summary = try DatabaseBackup(source: source).write(to: to)
        let seconds = started.duration(to: .now).components.seconds
        print("Backed up \(source) to \(to) in \(seconds) s: \(summary.bytes) bytes, \(summary.participants) participants, \(summary.bookings) bookings.")
    }
}
