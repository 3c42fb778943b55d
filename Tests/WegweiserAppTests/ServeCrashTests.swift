import Foundation
import Synchronization
import Testing
import TestSupport

/// A server stopped in the middle of a booking storm, without warning (SIGKILL) or asked to
/// (SIGTERM): after the restart every booking that was answered 201 is there, and every
/// confirmed booking gets its mail.
@Suite(.serialized) struct ServeCrashTests {
    /// Books each participant into the course, `concurrency` at a time, until the server is gone,
    /// and sends `signal` to the server as soon as `stopAfter` bookings were answered 201, so the
    /// stop always falls in the middle of the storm however slow the machine is. Answers the ids
    /// of the 201 answers and the statuses of every other answer.
    static func storm(
        _ server: ServeProcess, centre: String, course: String, participants: [String], concurrency: Int,
        stopAfter: Int, signal: Int32
    ) async -> (acknowledged: [String], otherStatuses: [Int]) {
        let answered = AnswerCount()
        return await withTaskGroup(of: ([String], [Int]).self) { group in
            for lane in 0..<concurrency {
                group.addTask {
                    var acknowledged: [String] = [], others: [Int] = []
                    for index in stride(from: lane, to: participants.count, by: concurrency) {
                        guard let (status, body) = try? await server.request(
                            "POST", "/v1/bookings", token: centre, json: ["participantId": participants[index], "courseId": course])
                        else { break }  // the server is gone
                        if status == 201, let id = body["id"] as? String {
                            acknowledged.append(id)
                            if answered.value.add(1, ordering: .relaxed).newValue == stopAfter {
                                kill(server.process.processIdentifier, signal)
                            }
                        } else {
                            others.append(status)
                        }
                    }
                    return (acknowledged, others)
                }
            }
            return await group.reduce(into: ([], [])) { $0.0 += $1.0; $0.1 += $1.1 }
        }
    }

    @Test(arguments: [SIGKILL, SIGTERM])
    func everyBookingAnswered201SurvivesTheStopAndIsMailedAfterTheRestart(signal: Int32) async throws {
        let scratch = try Scratch()
        let provider = try await ServeData.organisation("provider", database: scratch.databasePath)
        let centre = try await ServeData.organisation("advice-centre", database: scratch.databasePath)
        let mail = scratch.directory.appendingPathComponent("mail-out")
        let arguments = ["--db", scratch.databasePath, "--mail-dir", mail.path]

        let first = try ServeProcess(arguments: arguments, directory: scratch.directory)
        try await first.waitUntilHealthy()
        let course = try await ServeData.course(on: first, provider: provider, capacity: 150)
        var participants: [String] = []
        for index in 0..<400 {
            participants.append(try await ServeData.participant(
                on: first, centre: centre, name: "Teilnehmerin \(index)", email: "t\(index)@example.org", language: "uk"))
        }

        // Stop the server once it has answered 120 bookings, while others are in flight.
        let (acknowledged, others) = await Self.storm(
            first, centre: centre, course: course, participants: participants, concurrency: 16, stopAfter: 120, signal: signal)
        try await offThePool { first.process.waitForExit() }
        if signal == SIGKILL {
            #expect(first.process.wasSignalled)
        } else {
            // A clean stop: the requests it took were answered, none with a server error.
            #expect(!first.process.wasSignalled && first.process.terminationStatus == 0)
            #expect(others.allSatisfy { $0 < 500 }, "answers during shutdown: \(others)")
        }
        #expect(acknowledged.count >= 120, "only \(acknowledged.count) bookings were answered before the kill")
        #expect(acknowledged.count < participants.count, "the storm finished before the kill")

        let second = try ServeProcess(arguments: arguments, directory: scratch.directory)
        try await second.waitUntilHealthy()
        var confirmed: Set<String> = []
        for id in acknowledged {
            let (status, booking) = try await second.request("GET", "/v1/bookings/\(id)", token: centre)
            #expect(status == 200, "booking \(id), answered 201 before the crash, is gone")
            if booking["status"] as? String == "confirmed" { confirmed.insert(id) }
        }
        let (_, catalogue) = try await second.request("GET", "/v1/courses/\(course)")
        #expect(catalogue["confirmed"] as? Int ?? 0 <= 150)

        // The notifier sends whatever the crash left pending: every confirmed booking gets its mail.
        var mailed: Set<String> = []
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let (_, pending) = try await second.request("GET", "/v1/notifications?status=pending", token: centre)
            if (pending["notifications"] as? [Any])?.isEmpty == true { break }
            await pause(.milliseconds(100))
        }
        let (_, sent) = try await second.request("GET", "/v1/notifications?status=sent", token: centre)
        for case let row as [String: Any] in sent["notifications"] as? [Any] ?? [] where row["kind"] as? String == "confirmed" {
            if let booking = row["bookingId"] as? String { mailed.insert(booking) }
        }
        #expect(confirmed.subtracting(mailed).isEmpty, "\(confirmed.subtracting(mailed).count) confirmed bookings were never mailed")
        let files = try FileManager.default.contentsOfDirectory(atPath: mail.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count >= mailed.count)
        #expect(try await second.terminate() == 0)
    }
}

/// 201 answers counted across the storm's lanes.
private final class AnswerCount: Sendable {
    let value = Atomic<Int>(0)
}
