import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Notifier

/// Monotonic time the test moves by hand.
final class ManualElapsed: Sendable {
    private let value = Mutex(Duration.zero)
    var now: Duration { value.withLock { $0 } }
    func advance(_ by: Duration) { value.withLock { $0 += by } }
    var closure: @Sendable () -> Duration { { self.now } }
}

@Suite struct BookingPressureTests {
    @Test func theLoopIsBusyFromTheThresholdInTheCurrentOrThePreviousSecond() {
        let time = ManualElapsed()
        let pressure = BookingPressure(busyAt: 100, elapsed: time.closure)
        time.advance(.milliseconds(100))
        pressure.record(commands: 60)
        #expect(!pressure.isBusy)
        time.advance(.milliseconds(400))
        pressure.record(commands: 40)
        #expect(pressure.isBusy)  // 100 in this second
        time.advance(.milliseconds(700))
        #expect(pressure.isBusy)  // the second before had 100
        pressure.record(commands: 99)
        time.advance(.seconds(1))
        #expect(!pressure.isBusy)  // 99, then nothing
        time.advance(.seconds(5))
        pressure.record(commands: 100)
        time.advance(.seconds(2))
        #expect(!pressure.isBusy)  // two seconds ago does not count
    }

    @Test func mailIsHeldAtMostTheMaximumInOneStretchAndAgainAfterCatchingUp() {
        let time = ManualElapsed()
        let pressure = BookingPressure(busyAt: 10, maximumHold: .seconds(5), elapsed: time.closure)
        #expect(!pressure.holdsMail())  // idle
        for _ in 0..<5 {
            pressure.record(commands: 20)
            #expect(pressure.holdsMail())
            time.advance(.milliseconds(999))
        }
        pressure.record(commands: 20)
        time.advance(.milliseconds(5))
        #expect(!pressure.holdsMail())  // 5.0 s held: mail goes although the loop is still busy
        pressure.caughtUp()
        #expect(pressure.holdsMail())  // everything went: a new hold may begin
        time.advance(.seconds(3))
        #expect(!pressure.holdsMail())  // the storm is over
        pressure.record(commands: 20)
        #expect(pressure.holdsMail())  // a new storm holds afresh
    }
}

/// The notifier holds mail while bookings stream in and sends it when they stop, or once it has
/// waited the longest hold; an explicit drain always sends.
@Suite struct NotifierHoldTests {
    @Test func wakesWhileTheLoopIsBusyHoldMailUntilTheStormPasses() async throws {
        let fixture = try NotifierFixture()
        let time = ManualElapsed()
        let pressure = BookingPressure(busyAt: 5, elapsed: time.closure)
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer,
            transport: try FileMailTransport(directory: fixture.directory.appendingPathComponent("mail-out")),
            pressure: pressure, clock: { NotifierFixture.now })
        _ = try await fixture.book("p0", .course("course"))
        pressure.record(commands: 50)
        notifier.wake()
        await pause(.milliseconds(300))
        _ = notifier.statistics  // waits for anything the wake queued
        #expect(try fixture.database.mail(status: .pending).count == 1)

        time.advance(.seconds(2))  // no commits for two seconds
        notifier.wake()
        #expect(try await sentCount(fixture, reaching: 1))
    }

    @Test func heldMailGoesOnceItHasWaitedTheLongestHold() async throws {
        let fixture = try NotifierFixture()
        let time = ManualElapsed()
        let pressure = BookingPressure(busyAt: 5, maximumHold: .seconds(60), elapsed: time.closure)
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer,
            transport: try FileMailTransport(directory: fixture.directory.appendingPathComponent("mail-out")),
            pressure: pressure, clock: { NotifierFixture.now })
        _ = try await fixture.book("p0", .course("course"))
        pressure.record(commands: 50)
        notifier.wake()
        time.advance(.seconds(59))
        pressure.record(commands: 50)
        notifier.wake()
        _ = notifier.statistics
        #expect(try fixture.database.mail(status: .pending).count == 1)
        time.advance(.seconds(1))
        pressure.record(commands: 50)  // still busy, but the hold is over
        notifier.wake()
        #expect(try await sentCount(fixture, reaching: 1))
    }

    @Test func anExplicitDrainSendsWhateverThePressure() async throws {
        let fixture = try NotifierFixture()
        let pressure = BookingPressure(busyAt: 1)
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer,
            transport: try FileMailTransport(directory: fixture.directory.appendingPathComponent("mail-out")),
            pressure: pressure, clock: { NotifierFixture.now })
        _ = try await fixture.book("p0", .course("course"))
        pressure.record(commands: 1000)
        #expect(pressure.holdsMail())
        #expect(notifier.drain().sent == 1)
    }

    /// Polls for up to five seconds until `count` mails are marked sent.
    private func sentCount(_ fixture: NotifierFixture, reaching count: Int) async throws -> Bool {
        for _ in 0..<100 {
            if try fixture.database.mail(status: .sent).count >= count { return true }
            await pause(.milliseconds(50))
        }
        return false
    }
}
