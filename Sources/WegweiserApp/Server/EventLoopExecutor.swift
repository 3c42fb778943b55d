import NIOCore
import NIOPosix
import ServiceLifecycle

/// A task executor on the HTTP server's event loops: a request's handler runs on the loop its
/// bytes arrived on instead of hopping to the concurrency pool and back for every await.
///
/// Public API only (SE-0417 task executors): the server's task tree prefers this executor, and
/// everything else — the booking engine's queue, GRDB's queues, the notifier's thread pool — keeps
/// its own. So nothing that blocks may run in a handler: handlers reach SQLite through GRDB's async
/// readers and the engine through a continuation, and CPU-heavy work is detached.
final class EventLoopExecutor: TaskExecutor {
    private let group: any EventLoopGroup

    init(group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = group
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // `any()` answers the calling loop when called on one: a resumed handler stays where it was.
        group.any().execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}

/// Runs a service — the HTTP application — with its task tree preferring the event loops.
struct OnEventLoops<Wrapped: Service>: Service {
    let wrapped: Wrapped
    let executor = EventLoopExecutor()

    func run() async throws {
        try await withTaskExecutorPreference(executor) { try await wrapped.run() }
    }
}
