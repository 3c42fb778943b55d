import Foundation

/// Waits `duration` without holding a thread of the concurrency pool, on a clock that runs under
/// libfaketime too.
///
/// `Task.sleep` and every Dispatch timer never fire in a process started by `faketime` (libfaketime
/// shifts the clocks Dispatch programs its timers with), and the suite must pass under it; a
/// plain thread's sleep is not affected.
public func pause(_ duration: Duration) async {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    await withCheckedContinuation { (resume: CheckedContinuation<Void, Never>) in
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: seconds)
            resume.resume()
        }
    }
}
