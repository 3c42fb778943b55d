import Foundation
import GRDB
import SchedulingCore
import Store
import Testing
import TestSupport

/// A booking process killed without warning loses nothing it acknowledged.
@Suite struct BookingCrashTests {
    @Test func everyAcknowledgedBookingSurvivesSIGKILL() async throws {
        let scratch = try Scratch()
        let path = scratch.directory.appendingPathComponent("crash.sqlite").path
        let process = try ChildProcess(Paths.executable.path, [
            "bench", "booking", "--db", path, "--submitters", "32", "--offers", "10", "--seconds", "600",
            "--participants", "2000", "--print-acks",
        ], stdout: .pipe, stderr: .null)
        let out = try #require(process.output)

        // The bench would run for ten minutes; it is killed as soon as it acknowledged 3,000
        // bookings, so a slow or loaded machine only makes the test take longer.
        let acknowledged = try await offThePool {
            var acknowledged: [String: String] = [:]
            var buffer = Data()
            let started = Date()
            while acknowledged.count < 3000, Date().timeIntervalSince(started) < 600 {
                let chunk = out.next()
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    let parts = line.split(separator: " ")
                    if parts.count == 3, parts[0] == "ack" { acknowledged[String(parts[1])] = String(parts[2]) }
                }
            }
            return acknowledged
        }
        process.signal(SIGKILL)
        process.waitForExit()
        #expect(process.wasSignalled)
        #expect(acknowledged.count >= 3000, "the bench acknowledged only \(acknowledged.count) bookings")

        let database = try AppDatabase(path: path)
        let stored = try await database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, status FROM booking").map { row in
                (row["id"] as String, row["status"] as String)
            })
        }
        let lost = acknowledged.filter { stored[$0.key] == nil }
        #expect(lost.isEmpty, "\(lost.count) acknowledged bookings are missing")
        // Nothing was cancelled or promoted in this run, so each keeps the status it was acknowledged with.
        let changed = acknowledged.filter { stored[$0.key] != nil && stored[$0.key] != $0.value }
        #expect(changed.isEmpty, "\(changed.count) bookings changed status")

        // The invariants hold on what survived, and the engine starts again on it.
        let ledger = try await database.loadLedger()
        for course in 0..<10 {
            let (confirmed, capacity, waitlisted) = try #require(ledger.occupancy(courseId: "c\(course)"))
            #expect(confirmed <= capacity)
            #expect(waitlisted == 0 || confirmed == capacity)
            let positions = ledger.waitlist(courseId: "c\(course)").compactMap { ledger.waitlistPosition(bookingId: $0) }
            #expect(positions == Array(0..<waitlisted).map { $0 + 1 })
        }
        let doubles = try await database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT participantId, courseId FROM booking WHERE status <> 'cancelled'
                GROUP BY participantId, courseId HAVING COUNT(*) > 1)
                """)
        }
        #expect(doubles == 0)
    }
}
