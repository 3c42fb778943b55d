import Foundation
import Synchronization

/// Runs a program to its end and returns its exit status and output.
public func runProcess(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
) throws -> (status: Int32, stdout: String, stderr: String) {
    let child = try ChildProcess(executable.path, arguments, environment: environment, directory: directory?.path, stdout: .pipe, stderr: .pipe)
    // Both pipes are drained side by side: a child that fills one while the other is read would wait for ever.
    let errors = Mutex(Data())
    let drained = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        let data = child.errors?.readToEnd() ?? Data()
        errors.withLock { $0 = data }
        drained.signal()
    }
    let stdout = child.output?.readToEnd() ?? Data()
    drained.wait()
    child.waitForExit()
    return (child.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: errors.withLock { $0 }, as: UTF8.self))
}
