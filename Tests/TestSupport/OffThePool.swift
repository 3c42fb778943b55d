import Foundation

/// Runs blocking `work` (a child process waited for, a pipe read) on a thread of its own and
/// answers its result.
///
/// The concurrency pool has one thread per core, two on the CI machine, and every test of the
/// suite runs on it side by side. A test that blocks one of them with a child process stalls
/// every other test's hops for as long, and a test that waits for a server's background work
/// with a deadline fails for it.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
