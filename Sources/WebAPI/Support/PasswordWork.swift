import NIOPosix
import Store
import Synchronization

/// Hashing and checking staff passwords on a thread pool of their own: each costs about 0.1 s
/// of CPU and 32 MiB, which must never hold up an event loop, nor wait behind (or hold up) the
/// notifier's blocking mail sends on NIO's shared pool. Two threads bound the memory; a bounded
/// queue turns a flood into 503 instead of minutes of waiting.
package enum PasswordWork {
    private static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()
    private static let waiting = Mutex(0)
    static let queueLimit = 32

    package static func hash(_ password: String) async throws -> String {
        try await run { try PasswordHash.make(password) }
    }

    /// Whether `password` matches `stored`; without a stored hash the same work is done and the
    /// answer is no, so timing does not tell which addresses have an account.
    package static func verify(_ password: String, against stored: String?) async throws -> Bool {
        try await run {
            guard let stored else {
                try PasswordHash.verifyNothing(password)
                return false
            }
            return try PasswordHash.verify(password, against: stored)
        }
    }

    private static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard waiting.withLock({ count in
            guard count < queueLimit else { return false }
            count += 1
            return true
        }) else {
            throw APIError(.serviceUnavailable, "busy", detail: "Too many sign-ins at once; try again in a few seconds.", retryAfter: 5)
        }
        defer { waiting.withLock { $0 -= 1 } }
        return try await pool.runIfActive(work)
    }
}
