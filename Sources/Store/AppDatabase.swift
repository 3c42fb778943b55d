import Foundation
import GRDB

/// The one SQLite database of a Wegweiser process: owns the writer and the WAL readers,
/// migrates the schema when opened, and offers focused transactional methods.
///
/// Open it once per process. Every connection runs with foreign keys on and
/// `synchronous=FULL`, so a committed transaction survives power loss, not only a crash.
public final class AppDatabase: Sendable {
    /// The pool: one writer, concurrent readers (WAL).
    public let writer: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // A checkpoint in the background (`WALCheckpointer`) normally keeps the log short;
            // 8,192 pages (32 MiB) is the backstop at which the writer checkpoints itself.
            // secure_delete: what a statement deletes or overwrites is zeroed in its page, so an
            // erased name is not left behind in free space (docs/data-protection.md).
            try db.execute(sql: """
                PRAGMA page_size = 1024; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 8192; PRAGMA secure_delete = ON
                """)
        }
        self.path = path
        writer = try DatabasePool(path: path, configuration: config)
        try AppDatabase.migrator.migrate(writer)
    }

    /// Reads with a snapshot of the last committed state, never waiting for the writer.
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// Runs `body` in one write transaction.
    public func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try writer.write(body)
    }

    /// Reads on a WAL reader, suspending the caller instead of blocking its thread: the form for
    /// request handlers and services, whose threads must never wait on SQLite.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.read(body)
    }

    /// Writes in one transaction, suspending the caller while GRDB's writer queue runs it.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    /// Copies the write-ahead log into the database and truncates it to nothing, so the page
    /// images it held (with an erased person's data in them) are gone from the disk too. Waits for
    /// this process's readers; another process's long read (a backup) makes it try again for up
    /// to about ten seconds before it gives up with SQLITE_BUSY.
    public func truncateLog() async throws {
        var attempt = 0
        while true {
            do {
                try await writer.barrierWriteWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 9 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(250 * attempt))
            }
        }
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try AppDatabase.migrator.appliedMigrations(db) }
    }
}
