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
    /// images it held (with an erased person's data in them) are gone from the disk too.
    ///
    /// From a connection of its own that never waits inside SQLite: a checkpoint that waited
    /// there would hold the writer, and with it every booking, while another process (a backup)
    /// reads. It tries again between commits instead, for about ten seconds, then throws
    /// SQLITE_BUSY.
    public func truncateLog() async throws {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        for attempt in 1...200 {
            do {
                try await connection.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                if attempt == 200 { throw error }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Whether the database at `path` has every migration of this version, read without changing
    /// it: for commands that promise to change nothing (`retention --dry-run`).
    public static func isCurrent(path: String) throws -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        return try connection.read { db in try migrator.hasCompletedMigrations(db) }
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try AppDatabase.migrator.appliedMigrations(db) }
    }
}
