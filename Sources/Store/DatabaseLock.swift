#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A claim on a database file for as long as one process works on it: `wegweiser serve` holds
/// it while it runs, so `wegweiser import`, which would write behind the booking engine's ledger,
/// and a second server can tell that the database is taken, and stop.
///
/// `flock(LOCK_EX | LOCK_NB)` on the file `<database>.lock` beside it. SQLite's own locks cannot
/// say this: they last one transaction. The kernel drops a flock when the process ends, however
/// it ends, so a crashed server leaves no stale claim; the empty file stays and means nothing by
/// itself. The claim belongs to the open file, so a second `DatabaseLock` on the same path is
/// refused even within the process that holds the first.
public final class DatabaseLock: Sendable {
    /// The lock file: the database's path with `.lock` appended.
    public let path: String
    private let descriptor: Mutex<Int32>

    /// Takes the lock at once, or throws `DatabaseLockError.held` while someone else holds it.
    public init(databasePath: String) throws(DatabaseLockError) {
        path = databasePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unavailable(lockPath: path, errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(fd)
            throw reason == EWOULDBLOCK ? .held(databasePath: databasePath) : .unavailable(lockPath: path, errno: reason)
        }
        descriptor = Mutex(fd)
    }

    /// Gives the lock up; later calls do nothing. Dropping the last reference does the same.
    public func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            close(fd)  // closing the only descriptor of the open file releases its flock
            fd = -1
        }
    }

    deinit { release() }
}

/// Why a `DatabaseLock` was not granted.
public enum DatabaseLockError: Error, Equatable, CustomStringConvertible {
    /// Another process (or another `DatabaseLock` of this one) holds the database.
    case held(databasePath: String)
    /// The lock file could not be opened or locked at all.
    case unavailable(lockPath: String, errno: Int32)

    public var description: String {
        switch self {
        case .held(let databasePath): "\(databasePath) is in use by another process"
        case .unavailable(let lockPath, let code): "cannot lock \(lockPath): \(String(cString: strerror(code)))"
        }
    }
}
