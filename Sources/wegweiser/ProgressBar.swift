import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal so that logs and
/// pipes stay clean.
final class ProgressBar: @unchecked Sendable {
    // Mutable state is touched only under `lock`: imports report progress from the writer's thread.
    private let lock = NSLock()
    private let enabled = isatty(STDERR_FILENO) != 0
    private var drawn = false
    private var lastDraw = ContinuousClock.now

    func update(file: String, done: Int, total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        guard done == total || lastDraw.duration(to: now) > .milliseconds(50) else { return }
        lastDraw = now
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let name = (file as NSString).lastPathComponent
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(done)/\(total) \(name)".utf8))
        drawn = true
    }

    /// Clears the bar so the summary starts on a clean line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }
}
