import Foundation

extension Process {
    /// Waits for the process to end, like `waitUntilExit()`.
    ///
    /// `waitUntilExit()` spins a run loop whose timeout is a Dispatch timer; under libfaketime,
    /// which the suite must pass under, that timer never fires and the wait can last for ever.
    /// The process's end is noticed by Foundation's own SIGCHLD source, which is not a timer.
    public func waitForExit() {
        while isRunning { Thread.sleep(forTimeInterval: 0.005) }
    }
}
