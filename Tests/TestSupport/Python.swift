import Foundation
import Testing

/// Runs python3 for checks Swift cannot make independently (the stdlib `email` parser) and
/// for the aiosmtpd test server. A missing interpreter is a test failure, never a skip.
public enum Python {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Output {
        let result = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, environment: environment)
        return Output(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Records a clear failure and returns false when `python3 -c "import <module>"` fails.
    public static func require(module: String, sourceLocation: SourceLocation = #_sourceLocation) async -> Bool {
        let hint = "python3 with the '\(module)' module is required: python3 -m pip install \(module)"
        guard let result = try? await run(["-c", "import \(module)"]) else {
            Issue.record("python3 not found. \(hint)", sourceLocation: sourceLocation)
            return false
        }
        if result.status != 0 {
            Issue.record("\(hint)\n\(result.stderr)", sourceLocation: sourceLocation)
            return false
        }
        return true
    }
}
