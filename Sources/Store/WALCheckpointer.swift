import Dispatch
import GRDB

/// Copies the write-ahead log into the database file from its own connection and thread.
///
/// SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, so that
/// commit pays for copying a thousand pages and syncing the database file: a latency spike for
/// every caller in that batch. Checkpointing passively in the background keeps commits to
/// appending and syncing the log; the writer's own automatic checkpoint stays as a backstop.
public final class WALCheckpointer: @unchecked Sendable {
    // The connection is used only on `queue`, by the timer.
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "wegweiser.wal-checkpoint", qos: .utility)
    private let timer: DispatchSourceTimer

    public init(path: String, every interval: DispatchTimeInterval = .milliseconds(100)) throws {
        var config = Configuration()
        config.busyMode = .immediateError
        connection = try DatabaseQueue(path: path, configuration: config)
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [connection] in
            // PASSIVE never waits for the writer or readers; a busy database just means "next time".
            _ = try? connection.inDatabase { db in try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
        }
        timer.resume()
    }

    deinit {
        timer.cancel()
    }
}
