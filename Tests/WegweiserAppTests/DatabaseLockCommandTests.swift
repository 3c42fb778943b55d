import Foundation
import Testing
import TestSupport

/// A database a running `wegweiser serve` works on is its alone: `import` and a second server
/// refuse it, and take it once the server has stopped.
@Suite struct DatabaseLockCommandTests {
    @Test func importIsRefusedWhileAServerRunsOnTheDatabaseAndSucceedsOnceItStopped() async throws {
        let scratch = try Scratch()
        let organisations = try scratch.file("organisations.json", #"[{"id": "vhs", "kind": "provider", "name": "VHS"}]"#)
        let server = try ServeProcess(
            arguments: ["--db", scratch.databasePath, "--mail-dir", scratch.directory.appendingPathComponent("mail-out").path],
            directory: scratch.directory)
        try await server.waitUntilHealthy()
        let before = try scratch.database.counts()

        let refused = try await runWegweiser(["import", "--db", scratch.databasePath, organisations])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(scratch.databasePath) is in use by a running `wegweiser serve`; stop it first"), "\(refused.stderr)")
        #expect(refused.stderr.contains("add the data through its HTTP API (POST /v1/locations, /v1/courses"))
        let samples = try await runWegweiser(["import", "--db", scratch.databasePath, "--samples", "--resources", Paths.packageRoot.path])
        #expect(samples.status == 1)
        #expect(samples.stderr.contains("is in use by a running `wegweiser serve`"), "\(samples.stderr)")
        #expect(try scratch.database.counts() == before)

        #expect(try await server.terminate() == 0)
        let accepted = try await runWegweiser(["import", "--db", scratch.databasePath, organisations])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try scratch.database.counts().organisations == before.organisations + 1)
    }

    @Test func aSecondServerOnTheSameDatabaseStopsAtOnceWithoutLoadingSamples() async throws {
        let scratch = try Scratch()
        let mail = ["--mail-dir", scratch.directory.appendingPathComponent("mail-out").path]
        let first = try ServeProcess(arguments: ["--db", scratch.databasePath] + mail, directory: scratch.directory)
        try await first.waitUntilHealthy()

        let second = try ServeProcess(arguments: ["--db", scratch.databasePath, "--samples"] + mail, directory: scratch.directory)
        let deadline = Date().addingTimeInterval(60)
        while second.process.isRunning && Date() < deadline { await pause(.milliseconds(50)) }
        try #require(!second.process.isRunning, "the second server runs beside the first")
        #expect(second.process.terminationStatus == 1)
        let log = try String(contentsOf: second.log, encoding: .utf8)
        #expect(log.contains("is in use by another running `wegweiser serve`"), "\(log)")
        #expect(try scratch.database.counts().isEmpty)
        #expect(try await first.terminate() == 0)
    }
}
