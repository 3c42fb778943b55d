import Foundation
import SchedulingCore
import SMTPClient
import Store
import Testing
import TestSupport
@testable import Notifier

@Suite struct OutageTests {
    /// With one connection, and with two side by side (each row still goes out once).
    @Test(arguments: [1, 2]) func mailHeldBackByAnOutageIsDeliveredExactlyOnceWhenTheServerReturns(connections: Int) async throws {
        let fixture = try NotifierFixture()
        let clock = TestClock(NotifierFixture.now)
        // Held, not listening: connections are refused until the server starts on it.
        let port = try HeldPort()
        let transports: [any MailTransport] = try (0..<connections).map { _ in
            SMTPMailTransport(connection: try CurlSMTPConnection(url: "smtp://127.0.0.1:\(port.number)", startTLS: false, connectTimeout: .seconds(2)))
        }
        let notifier = Notifier(database: fixture.database, composer: fixture.composer, transports: transports, clock: clock.now)
        _ = try await fixture.book("p0", .course("course"))
        _ = try await fixture.book("p1", .course("course"))  // waitlisted: one seat
        _ = try await fixture.book("p1", .slot("slot"))

        // The server is down: every mail waits, its attempt counted.
        #expect(await notifier.drain() == Notifier.Report(sent: 0, retried: 3, failed: 0))
        #expect(try await fixture.database.mail(status: .pending).allSatisfy { $0.attempts == 1 && $0.lastError != nil })

        // The server comes up on the held port (aiosmtpd, writing what it accepts to a file).
        let sink = try #require(try await SMTPSink.start(on: port))
        defer { sink.stop() }

        // Before the retry is due nothing is sent; after it, everything, once.
        #expect(await notifier.drain() == Notifier.Report())
        clock.advance(seconds: 2 * Notifier.firstDelay)
        #expect(await notifier.drain() == Notifier.Report(sent: 3, retried: 0, failed: 0))
        clock.advance(seconds: 3600)
        #expect(await notifier.drain() == Notifier.Report())
        let lines = try String(contentsOf: sink.sinkFile, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        let records = try lines.map { line in try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) }
        #expect(Set(records.compactMap { $0["data"] as? String }).count == 3)
        // Each lane kept its own connection: as many client ports as connections.
        #expect(Set(records.compactMap { ($0["peer"] as? [Any])?.last as? Int }).count == connections)
        #expect(try await fixture.database.mail(status: .sent).count == 3)
    }
}
