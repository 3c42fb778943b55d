import Foundation
@testable import Store

/// A fresh database file per test, opened with the production configuration.
struct TestDatabase {
    let directory: URL
    let database: AppDatabase

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try AppDatabase(path: directory.appendingPathComponent("test.sqlite").path)
    }

    var path: String { directory.appendingPathComponent("test.sqlite").path }
}
