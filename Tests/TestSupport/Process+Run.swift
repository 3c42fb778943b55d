import Foundation

/// Runs a program to its end and returns its exit status and output; the waiting happens on a
/// thread of its own (`offThePool`).
public func runProcess(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
) async throws -> (status: Int32, stdout: String, stderr: String) {
    try await offThePool {
        let child = try ChildProcess(
            executable.path, arguments, environment: environment, directory: directory?.path, stdout: .pipe, stderr: .pipe)
        let (stdout, stderr) = child.readOutputToEnd()
        child.waitForExit()
        return (child.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
