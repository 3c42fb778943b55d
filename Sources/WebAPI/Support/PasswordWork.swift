import NIOPosix
import Store

/// Hashing and checking staff passwords on NIO's thread pool for blocking work: each costs about
/// 0.1 s of CPU and 32 MiB, which must never hold up an event loop, and the pool's few threads
/// bound how many run at once.
package enum PasswordWork {
    package static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { try PasswordHash.make(password) }
    }

    /// Whether `password` matches `stored`; without a stored hash the same work is done and the
    /// answer is no, so timing does not tell which addresses have an account.
    package static func verify(_ password: String, against stored: String?) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive {
            guard let stored else {
                PasswordHash.verifyNothing(password)
                return false
            }
            return PasswordHash.verify(password, against: stored)
        }
    }
}
