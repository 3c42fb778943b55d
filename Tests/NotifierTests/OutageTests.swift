import Foundation
import SchedulingCore
import SMTPClient
import Store
import Testing
@testable import Notifier

/// A clock the test moves forward, read from the notifier's queue.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Timestamp
    init(_ start: Timestamp) { current = start }
    var now: Timestamp { lock.withLock { current } }
    func advance(seconds: Int64) { lock.withLock { current = current.adding(seconds: seconds) } }
}

@Suite struct OutageTests {
    /// A free loopback port: bound by the kernel, then released for the server to take.
    static func freePort() throws -> Int {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        let out = Pipe()
        probe.standardOutput = out
        try probe.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// With one connection, and with two side by side (each row still goes out once).
    @Test(arguments: [1, 2]) func mailHeldBackByAnOutageIsDeliveredExactlyOnceWhenTheServerReturns(connections: Int) async throws {
        let fixture = try NotifierFixture()
        let clock = TestClock(NotifierFixture.now)
        let port = try Self.freePort()
        let transports: [any MailTransport] = try (0..<connections).map { _ in
            SMTPMailTransport(connection: try CurlSMTPConnection(url: "smtp://127.0.0.1:\(port)", startTLS: false, connectTimeout: .seconds(2)))
        }
        let notifier = Notifier(database: fixture.database, composer: fixture.composer, transports: transports, clock: { clock.now })
        _ = try await fixture.book("p0", .course("course"))
        _ = try await fixture.book("p1", .course("course"))  // waitlisted: one seat
        _ = try await fixture.book("p1", .slot("slot"))

        // The server is down: every mail waits, its attempt counted.
        #expect(notifier.drain() == Notifier.Report(sent: 0, retried: 3, failed: 0))
        #expect(try fixture.database.mail(status: .pending).allSatisfy { $0.attempts == 1 && $0.lastError != nil })

        // The server comes up (aiosmtpd, started here, writing what it accepts to a file).
        let received = fixture.directory.appendingPathComponent("received.jsonl")
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SMTPClientTests/Fixtures")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "smtp_sink.Sink"]
        server.environment = ProcessInfo.processInfo.environment.merging(["PYTHONPATH": fixtures.path, "SINK_FILE": received.path]) { $1 }
        try server.run()
        // SIGKILL: the server ignores the SIGTERM that the spawning thread blocks (see SMTPSink).
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let ready = Process()
        ready.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        ready.arguments = ["python3", "-c", """
            import socket, sys, time
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", \(port)), timeout=0.2).close(); sys.exit(0)
                except OSError:
                    time.sleep(0.05)
            sys.exit(1)
            """]
        try ready.run()
        ready.waitUntilExit()
        try #require(ready.terminationStatus == 0, "aiosmtpd did not start; python3 -m pip install aiosmtpd")

        // Before the retry is due nothing is sent; after it, everything, once.
        #expect(notifier.drain() == Notifier.Report())
        clock.advance(seconds: 2 * Notifier.firstDelay)
        #expect(notifier.drain() == Notifier.Report(sent: 3, retried: 0, failed: 0))
        clock.advance(seconds: 3600)
        #expect(notifier.drain() == Notifier.Report())
        let lines = try String(contentsOf: received, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        let records = try lines.map { line in try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) }
        #expect(Set(records.compactMap { $0["data"] as? String }).count == 3)
        // Each lane kept its own connection: as many client ports as connections.
        #expect(Set(records.compactMap { ($0["peer"] as? [Any])?.last as? Int }).count == connections)
        #expect(try fixture.database.mail(status: .sent).count == 3)
    }
}
