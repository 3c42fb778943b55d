import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Swift concurrency's global executor on the HTTP server's event loops: a job runs on the loop
/// it was enqueued from (any loop when enqueued from elsewhere), as generic work.
///
/// NIO's own takeover runs each job isolated to the loop as a serial executor. Every call into a
/// nonisolated async function then has to leave that "actor" again, and does so by enqueueing the
/// task once more on the same loop: a round trip through the loop's queue per await, dozens per
/// request. Running the job with the generic executor, as the default pool does, lets a request's
/// handler run straight through on its loop.
enum EventLoopGlobalExecutor {
    typealias EnqueueHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    /// Installs the hook; call once, from `main`, before any task runs. False when the runtime
    /// offers no hook (the default pool stays).
    @discardableResult
    static func install() -> Bool {
        guard let slot = dlsym(dlopen(nil, RTLD_NOW), "swift_task_enqueueGlobal_hook") else { return false }
        withUnsafeTemporaryAllocation(of: EnqueueHook.self, capacity: 1) { buffer in
            buffer.baseAddress!.initialize(to: { job, _ in EventLoopGlobalExecutor.enqueue(job) })
            buffer.baseAddress!.withMemoryRebound(to: UnsafeRawPointer.self, capacity: 1) { function in
                slot.assumingMemoryBound(to: UnsafeRawPointer?.self).pointee = function.pointee
            }
        }
        return true
    }

    /// On the current loop when called from one (NIO's `any()` is sticky), else on any loop.
    private static func enqueue(_ job: UnownedJob) {
        MultiThreadedEventLoopGroup.singleton.any().execute {
            swiftJobRun(job, genericExecutor)
        }
    }

    /// The runtime's "no particular executor" (`SerialExecutorRef::generic()`: both words zero),
    /// which is what the default global pool runs its jobs with.
    private static let genericExecutor = unsafeBitCast((0, 0) as (Int, Int), to: UnownedSerialExecutor.self)
}

/// `swift_job_run` of the concurrency runtime: runs `job` on the calling thread as if on `executor`.
@_silgen_name("swift_job_run")
private func swiftJobRun(_ job: UnownedJob, _ executor: UnownedSerialExecutor)
