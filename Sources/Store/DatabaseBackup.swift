import Foundation
import GRDB

/// A consistent copy of a Wegweiser database, taken beside a running server.
///
/// `VACUUM INTO` reads one snapshot of the database in a read transaction: the server's writer
/// never waits for it, and every transaction committed before it began is in the copy. SQLite's
/// online backup API would start over each time the server commits, which during a booking storm
/// may be forever. The copy is written under a temporary name, checked, synced and then renamed,
/// so a file under the given name is always a whole, sound database.
public struct DatabaseBackup: Sendable {
    public let source: String

    public init(source: String) {
        self.source = source
    }

    public struct Summary: Sendable {
        public let bytes: Int
        public let participants: Int
        public let bookings: Int
    }

    public func write(to destination: String) throws -> Summary {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // The server's database as it is: no migration, nothing written.
        let connection = try DatabaseQueue(path: source, configuration: configuration)
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        try connection.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
        try connection.close()
        do {
            let copy = try DatabaseQueue(path: partial)
            let summary = try copy.read { db -> Summary in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else { throw BackupError.unsound(check.prefix(5).joined(separator: "; ")) }
                return Summary(
                    bytes: 0, participants: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM participant WHERE erasedAt IS NULL") ?? 0,
                    bookings: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM booking") ?? 0)
            }
            try copy.close()
            try Self.sync(partial)
            guard rename(partial, destination) == 0 else { throw BackupError.io("cannot rename \(partial): \(String(cString: strerror(errno)))") }
            try Self.sync(URL(fileURLWithPath: destination).deletingLastPathComponent().path)
            let bytes = (try FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
            return Summary(bytes: bytes, participants: summary.participants, bookings: summary.bookings)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    private static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BackupError.io("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw BackupError.io("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }
}

/// Why a backup was not kept.
public enum BackupError: Error, CustomStringConvertible {
    case unsound(String)
    case io(String)

    public var description: String {
        switch self {
        case .unsound(let report): "the copy failed SQLite's integrity check: \(report)"
        case .io(let message): message
        }
    }
}
