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

/// Runs a program to its end and returns its exit status and output.
public func runProcess(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a large output cannot fill the pipe and block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitForExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}
