import Foundation
import Testing
@testable import Store

@Suite struct DatabaseLockTests {
    static func databasePath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-lock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("wegweiser.sqlite").path
    }

    @Test func aSecondLockOnTheSameDatabaseIsRefusedWhileTheFirstIsHeldAndGrantedAfterItsRelease() throws {
        let path = try Self.databasePath()
        let first = try DatabaseLock(databasePath: path)
        #expect(first.path == path + ".lock")
        #expect(throws: DatabaseLockError.held(databasePath: path)) { try DatabaseLock(databasePath: path) }
        first.release()
        let second = try DatabaseLock(databasePath: path)
        #expect(throws: DatabaseLockError.held(databasePath: path)) { try DatabaseLock(databasePath: path) }
        second.release()
    }

    @Test func droppingTheLastReferenceReleasesTheLock() throws {
        let path = try Self.databasePath()
        do {
            let held = try DatabaseLock(databasePath: path)
            #expect(throws: DatabaseLockError.held(databasePath: path)) { try DatabaseLock(databasePath: path) }
            withExtendedLifetime(held) {}
        }
        #expect(throws: Never.self) { _ = try DatabaseLock(databasePath: path) }
    }

    @Test func locksOfDifferentDatabasesAreIndependent() throws {
        let one = try DatabaseLock(databasePath: try Self.databasePath())
        let other = try DatabaseLock(databasePath: try Self.databasePath())
        #expect(one.path != other.path)
        one.release()
        other.release()
    }

    @Test func aLockFileThatCannotBeMadeIsReportedNotTakenForHeld() throws {
        let path = "/nonexistent-\(UUID().uuidString)/wegweiser.sqlite"
        let error = #expect(throws: DatabaseLockError.self) { try DatabaseLock(databasePath: path) }
        #expect(error == .unavailable(lockPath: path + ".lock", errno: ENOENT))
    }
}
