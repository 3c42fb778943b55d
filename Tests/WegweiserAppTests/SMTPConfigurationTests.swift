import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// A mail server that refuses this server's sign-in: the mail waits, the log and `/metrics`
/// raise the alarm, and once the password is right (from a file) the mail goes out.
@Suite(.serialized) struct SMTPConfigurationTests {
    /// `serve` from `time` on (libfaketime) with one SMTP connection and `/metrics` on; `environment`
    /// is added to the test's own.
    static func serve(at time: String, _ scratch: Scratch, _ arguments: [String], environment: [String: String] = [:]) throws -> ServeProcess {
        let preload = try #require(AttendanceEndToEndTests.libfaketime, "libfaketime is required: apt-get install faketime")
        return try ServeProcess(
            arguments: ["--db", scratch.databasePath, "--smtp-connections", "1", "--metrics-token", "metrics-token-of-this-test"] + arguments,
            directory: scratch.directory,
            environment: environment.merging(["LD_PRELOAD": preload, "FAKETIME": "@\(time)", "FAKETIME_DONT_FAKE_MONOTONIC": "1"]) { $1 },
            launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\""])
    }

    @Test func aRefusedSignInKeepsTheMailQueuedWithAnAlertUntilThePasswordFromAFileIsRight() async throws {
        let scratch = try Scratch()
        let provider = try await ServeData.organisation("provider", database: scratch.databasePath)
        let centre = try await ServeData.organisation("advice-centre", database: scratch.databasePath)
        let smtp = try #require(try await SMTPSink.start(auth: "wegweiser:richtig-und-lang"))
        defer { smtp.stop() }

        // No sign-in at all: the server answers 530 to every mail.
        let first = try Self.serve(at: "2028-02-01 10:00:00", scratch, ["--smtp-url", smtp.url])
        try await first.waitUntilHealthy()
        let course = try await ServeData.course(on: first, provider: provider, capacity: 5, dates: ("2028-03-06", "2028-05-25"))
        let person = try await ServeData.participant(on: first, centre: centre, name: "Ayşe Yılmaz", email: "ayse@example.org", language: "tr")
        let (booked, _) = try await first.request("POST", "/v1/bookings", token: centre, json: ["participantId": person, "courseId": course])
        try #require(booked == 201)

        var mail: [String: Any] = [:]
        _ = try await eventually {
            let (_, list) = try await first.request("GET", "/v1/notifications", token: centre)
            mail = (list["notifications"] as? [[String: Any]])?.first ?? [:]
            return (mail["attempts"] as? Int ?? 0) > 0
        }
        #expect(mail["status"] as? String == "pending", "queued, not failed: \(mail)")
        #expect((mail["lastError"] as? String)?.hasPrefix("530") == true, "\(mail)")
        var request = URLRequest(url: URL(string: first.baseURL + "/metrics")!)
        request.setValue("Bearer metrics-token-of-this-test", forHTTPHeaderField: "Authorization")
        let (metrics, _) = try await URLSession.shared.data(for: request)
        let alarm = String(decoding: metrics, as: UTF8.self).split(separator: "\n").first {
            $0.hasPrefix("wegweiser_mail_refused_for_configuration_total ")
        }
        #expect(alarm.map { !$0.hasSuffix(" 0") } == true, "\(String(describing: alarm))")
        try await first.terminate()
        let log = try String(contentsOf: first.log, encoding: .utf8)
        #expect(log.contains("the mail server refuses this server's sign-in or encryption"))
        #expect(!log.contains("ayse@example.org"))

        // Five minutes later, with the password from a file: the mail goes out.
        let password = try scratch.file("smtp-password", "richtig-und-lang\n")
        let second = try Self.serve(
            at: "2028-02-01 10:05:00", scratch, ["--smtp-url", smtp.url, "--smtp-user", "wegweiser", "--smtp-password-file", password])
        defer { second.kill() }
        try await second.waitUntilHealthy()
        #expect(try await smtp.received(count: 1).count == 1, "the queued mail arrived once the sign-in was right")
        let (_, list) = try await second.request("GET", "/v1/notifications", token: centre)
        #expect((list["notifications"] as? [[String: Any]])?.first?["status"] as? String == "sent")
    }
}
