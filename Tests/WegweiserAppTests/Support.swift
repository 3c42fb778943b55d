import Foundation
import SchedulingCore
import Store
import TestSupport

/// A scratch directory with a fresh database, for one test.
struct Scratch {
    let directory: URL
    let database: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try AppDatabase(path: directory.appendingPathComponent("wegweiser.sqlite").path)
    }

    var databasePath: String { directory.appendingPathComponent("wegweiser.sqlite").path }

    /// Writes `text` to a file of that name in the scratch directory and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = packageRoot.appendingPathComponent("Samples")

    /// The `wegweiser` executable built beside the test bundle.
    static var executable: URL {
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundleDirectory, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("wegweiser")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/wegweiser")
    }
}

/// Runs the built `wegweiser` with arguments and returns its exit status and output.
func runWegweiser(_ arguments: [String], in directory: URL? = nil) async throws -> (status: Int32, stdout: String, stderr: String) {
    try await runProcess(Paths.executable, arguments, in: directory)
}

let testNow = Timestamp(rfc3339: "2026-11-27T10:00:00+01:00")!
