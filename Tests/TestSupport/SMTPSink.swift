import Foundation
import Testing

/// A real SMTP server for the integration tests: aiosmtpd with `Fixtures/smtp_sink.py`.
final class SMTPSink {
    let port: Int
    let sinkFile: URL
    private let process: Process

    /// Starts the server and waits until it accepts connections; nil (with a recorded
    /// issue) when python3 or aiosmtpd is missing.
    static func start(tempfail: [String] = [], permfail: [String] = [],
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> SMTPSink? {
        guard Python.require(module: "aiosmtpd", sourceLocation: sourceLocation) else { return nil }
        let port = try freePort()
        let sinkFile = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString).jsonl")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "smtp_sink.Sink"]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "PYTHONPATH": SampleMessages.fixtures.path, "SINK_FILE": sinkFile.path,
            "SINK_TEMPFAIL": tempfail.joined(separator: ","), "SINK_PERMFAIL": permfail.joined(separator: ","),
        ]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let sink = SMTPSink(port: port, sinkFile: sinkFile, process: process)
        let ready = try Python.run(["-c", """
            import socket, sys, time
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", \(port)), timeout=0.2).close(); sys.exit(0)
                except OSError:
                    time.sleep(0.05)
            sys.exit(1)
            """])
        guard ready.status == 0 else {
            Issue.record("aiosmtpd did not start on port \(port)", sourceLocation: sourceLocation)
            return nil
        }
        return sink
    }

    private init(port: Int, sinkFile: URL, process: Process) {
        self.port = port
        self.sinkFile = sinkFile
        self.process = process
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            // Not terminate(): the child inherits the signal mask of the spawning worker thread,
            // where SIGTERM is blocked, so only SIGKILL reliably ends it.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: sinkFile)
    }

    struct Received: Decodable {
        var peer: [Peer]
        var mail_from: String
        var rcpt_tos: [String]
        var data: String
        var raw: [UInt8] { [UInt8](Data(base64Encoded: data) ?? Data()) }
        enum Peer: Decodable, Equatable {
            case host(String), port(Int)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let port = try? container.decode(Int.self) { self = .port(port) } else {
                    self = .host(try container.decode(String.self))
                }
            }
        }
    }

    /// The messages received so far, waiting up to `timeout` for `count` of them.
    func received(count: Int, timeout: Duration = .seconds(5)) throws -> [Received] {
        let clock = ContinuousClock(), deadline = clock.now + timeout
        while true {
            let text = (try? String(contentsOf: sinkFile, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n")
            if lines.count >= count || clock.now >= deadline {
                return try lines.map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Asks the kernel for a free port; the tiny race before aiosmtpd binds it is acceptable here.
    private static func freePort() throws -> Int {
        let result = try Python.run(["-c", """
            import socket
            s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
            """])
        guard let port = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CocoaError(.fileReadUnknown)
        }
        return port
    }
}
