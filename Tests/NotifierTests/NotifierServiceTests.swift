import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import Store
import Testing
import TestSupport
@testable import Notifier

/// The notifier as the server runs it: a service in a group, woken by commits, stopped by a
/// graceful shutdown, writing mail files Maildir-style.
@Suite struct NotifierServiceTests {
    @Test func itSendsWhatWasPendingAtStartAndWhatAWakeBringsAndStopsOnShutdown() async throws {
        let fixture = try NotifierFixture()
        let mail = fixture.directory.appendingPathComponent("mail-out")
        _ = try await fixture.book("p0", .course("course"))  // left pending by an earlier run
        // No tick within the test: only the start and the wake may send. A pool of its own: the
        // shared one also runs the blocking SMTP sends of the tests beside this one, and under
        // faketime their waits held it longer than this test waits for its first mail.
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer, transports: [try FileMailTransport(directory: mail)],
            tick: .seconds(3600), threadPool: pool, clock: { NotifierFixture.now })
        let group = ServiceGroup(services: [notifier], logger: Logger(label: "test"))
        let running = Task { try await group.run() }

        #expect(try await Self.sent(fixture, reaching: 1))
        _ = try await fixture.book("p1", .slot("slot"))
        notifier.wake()
        #expect(try await Self.sent(fixture, reaching: 2))

        await group.triggerGracefulShutdown()
        try await running.value
        #expect(await notifier.statistics.sent == 2)
        // Every file is whole and in place; nothing is left half-written under .tmp.
        let files = try FileManager.default.contentsOfDirectory(atPath: mail.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: mail.appendingPathComponent(".tmp").path).isEmpty)
        try await pool.shutdownGracefully()
    }

    @Test func concurrentDrainsSendEachMailOnce() async throws {
        let fixture = try NotifierFixture()
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer,
            transport: try FileMailTransport(directory: fixture.directory.appendingPathComponent("mail-out")),
            clock: { NotifierFixture.now })
        _ = try await fixture.book("p0", .course("course"))
        _ = try await fixture.book("p1", .slot("slot"))
        let reports = await withTaskGroup(of: Notifier.Report.self) { group in
            for _ in 0..<4 { group.addTask { await notifier.drain() } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.map(\.sent).reduce(0, +) == 2)
        #expect(try await fixture.database.mail(status: .sent).count == 2)
    }

    /// Polls (`eventually`) until `count` mails are marked sent.
    static func sent(_ fixture: NotifierFixture, reaching count: Int) async throws -> Bool {
        try await eventually { try await fixture.database.mail(status: .sent).count >= count }
    }
}

/// Mail yields to a storm of bookings: held while the engine's commits are busy, sent once they
/// have been quiet for a second, and never held longer than the hold.
@Suite struct MailHoldTests {
    static func notifier(_ fixture: NotifierFixture, _ clock: TestClock) throws -> Notifier {
        Notifier(
            database: fixture.database, composer: fixture.composer,
            transports: [try FileMailTransport(directory: fixture.directory.appendingPathComponent("mail-out"))],
            hold: .seconds(30), clock: clock.now)
    }

    @Test func heldWhileBusyAndSentOnceTheLastBusyCommitIsOverASecondOld() async throws {
        let fixture = try NotifierFixture()
        let clock = TestClock(NotifierFixture.now)
        let notifier = try Self.notifier(fixture, clock)
        _ = try await fixture.book("p0", .course("course"))
        notifier.bookingsCommitted(busy: true, queuedMail: true)
        #expect(await notifier.drain() == Notifier.Report())
        clock.advance(seconds: 1)
        notifier.bookingsCommitted(busy: false, queuedMail: true)  // a quiet commit a second later still holds
        #expect(await notifier.drain() == Notifier.Report())
        clock.advance(seconds: 1)
        #expect(await notifier.drain() == Notifier.Report(sent: 1))
    }

    @Test func aStormThatGoesOnHoldsMailNoLongerThanTheHold() async throws {
        let fixture = try NotifierFixture()
        let clock = TestClock(NotifierFixture.now)
        let notifier = try Self.notifier(fixture, clock)
        _ = try await fixture.book("p0", .course("course"))
        clock.advance(seconds: 29)
        notifier.bookingsCommitted(busy: true, queuedMail: true)
        #expect(await notifier.drain() == Notifier.Report())
        clock.advance(seconds: 1)
        notifier.bookingsCommitted(busy: true, queuedMail: false)
        #expect(await notifier.drain() == Notifier.Report(sent: 1))
        #expect(try await fixture.database.mail(status: .sent).count == 1)
    }
}
