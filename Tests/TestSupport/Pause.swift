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

/// Asks `condition` every 10 ms, pausing in between, until it holds or `timeout` has passed; says
/// whether it held.
///
/// The default is generous because it is wall time of a loaded machine, not a bar: the whole
/// suite runs side by side on two cores, and in a full run a single booking of a test's own
/// engine has waited 19 s for the CPU. What a test checks is that the condition comes true.
public func eventually(timeout: Duration = .seconds(120), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        await pause(.milliseconds(10))
    }
    return try await condition()
}
