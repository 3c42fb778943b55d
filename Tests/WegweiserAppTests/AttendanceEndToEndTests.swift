import Foundation
import SchedulingCore
import Testing
import TestSupport

/// Attendance over time, end to end: `wegweiser serve` runs under libfaketime, first a month
/// before a course, then again after its first two sessions; a participant who missed both is
/// at risk, their centre is told, the provider releases the seat, and aiosmtpd receives the
/// mails of the release and of the promotion from the waiting list.
@Suite(.serialized) struct AttendanceEndToEndTests {
    static let libfaketime = [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/faketime/libfaketime.so.1", "/usr/local/lib/faketime/libfaketime.so.1",
    ].first { FileManager.default.fileExists(atPath: $0) }

    /// `serve` whose clock starts at `time` (the machine's zone, UTC here) and runs on from there.
    ///
    /// libfaketime, loaded first in a process, adds `FAKETIME_SHARED` to the environment, which
    /// moves `environ` off the initial stack where the Swift runtime looks for `argv` on Linux: the
    /// server would see no arguments. So a shell with the library preloaded sets the variable and
    /// then execs the server (the same process, so signals reach it), whose library finds it set.
    static func serve(at time: String, _ scratch: Scratch, smtp: SMTPSink, extra: [String] = []) throws -> ServeProcess {
        let preload = try #require(libfaketime, "libfaketime is required: apt-get install faketime")
        return try ServeProcess(
            arguments: ["--db", scratch.databasePath, "--smtp-url", smtp.url, "--smtp-connections", "1"] + extra,
            directory: scratch.directory,
            // Timers keep the real monotonic clock; only the calendar is moved.
            environment: ["LD_PRELOAD": preload, "FAKETIME": "@\(time)", "FAKETIME_DONT_FAKE_MONOTONIC": "1"],
            launcher: ["/bin/sh", "-c", "exec \"$0\" \"$@\""])
    }

    /// On 1 February 2028: a course of `capacity` seats from Monday 6 March, Mondays and
    /// Thursdays, booked by Ayşe and then Olena (both agreed that their centre hears of absences).
    static func prepare(
        _ scratch: Scratch, smtp: SMTPSink, provider: String, centre: String, capacity: Int
    ) async throws -> (course: String, first: String, second: String, secondStatus: String?) {
        let before = try Self.serve(at: "2028-02-01 10:00:00", scratch, smtp: smtp)
        try await before.waitUntilHealthy()
        let location = try await before.create("/v1/locations", token: provider, [
            "name": "VHS-Zentrum", "address": "Steinsche Gasse 26, 47051 Duisburg", "district": "Mitte",
            "lat": 51.4325, "lon": 6.7652, "stepFree": true,
        ])
        let course = try await before.create("/v1/courses", token: provider, [
            "title": "Integrationskurs A1", "kind": "general", "level": "A1", "locationId": location, "capacity": capacity,
            "womenOnly": false, "childcare": false, "startDate": "2028-03-06", "endDate": "2028-05-25",
            "weekdays": ["MO", "TH"], "startTime": "09:00", "endTime": "12:15",
        ])
        func person(_ name: String, _ email: String, _ language: String) async throws -> String {
            try await before.create("/v1/participants", token: centre, [
                "name": name, "email": email, "preferredLanguage": language, "languages": [language, "de"], "gender": "female",
                "district": "Hamborn", "lat": 51.49, "lon": 6.77, "level": "A1", "availability": ["morning"], "consent": true,
                "attendanceConsent": true,
            ])
        }
        let ayse = try await person("Ayşe Yılmaz", "ayse@example.org", "tr")
        let olena = try await person("Olena Kovalenko", "olena@example.org", "uk")
        let (heldStatus, held) = try await before.request("POST", "/v1/bookings", token: centre, json: ["participantId": ayse, "courseId": course])
        let (_, waiting) = try await before.request("POST", "/v1/bookings", token: centre, json: ["participantId": olena, "courseId": course])
        #expect(heldStatus == 201 && held["status"] as? String == "confirmed")
        let heldId = try #require(held["id"] as? String), waitingId = try #require(waiting["id"] as? String)
        // Both booking mails out before the stop.
        #expect(try await ServeEndToEndTests.received(smtp.sinkFile, count: 2).count == 2)
        #expect(try await before.terminate() == 0)
        return (course, heldId, waitingId, waiting["status"] as? String)
    }

    @Test func twoMissedSessionsPutTheSeatAtRiskAndItsReleaseMovesTheWaitingListAcrossARestart() async throws {
        let scratch = try Scratch()
        let provider = try await ServeData.organisation("provider", database: scratch.databasePath)
        let centre = try await ServeData.organisation("advice-centre", database: scratch.databasePath)
        let smtp = try #require(try await SMTPSink.start())
        defer { smtp.stop() }

        let (course, heldId, waitingId, waitingStatus) = try await Self.prepare(scratch, smtp: smtp, provider: provider, centre: centre, capacity: 1)
        #expect(waitingStatus == "waitlisted")

        // Thursday 9 March 2028, evening: after the first two sessions.
        let after = try Self.serve(at: "2028-03-09 18:00:00", scratch, smtp: smtp)
        try await after.waitUntilHealthy()
        let attendance = "/v1/courses/\(course)/attendance"
        let (future, _) = try await after.request("PUT", "\(attendance)/2028-03-13", token: provider, json: ["marks": [["bookingId": heldId, "code": "U"]]])
        #expect(future == 422, "Monday 13 March lies ahead of the server's clock")
        for date in ["2028-03-06", "2028-03-09"] {
            let (status, _) = try await after.request("PUT", "\(attendance)/\(date)", token: provider, json: ["marks": [["bookingId": heldId, "code": "U"]]])
            #expect(status == 200, "\(date)")
        }
        let (_, booking) = try await after.request("GET", "/v1/bookings/\(heldId)", token: centre)
        #expect(booking["atRisk"] as? Bool == true)
        let (_, roster) = try await after.request("GET", "/v1/courses/\(course)/roster", token: provider)
        #expect((roster["confirmed"] as? [[String: Any]])?.first?["atRisk"] as? Bool == true)
        let (_, notifications) = try await after.request("GET", "/v1/notifications", token: centre)
        #expect((notifications["notices"] as? [[String: Any]])?.map { $0["bookingId"] as? String } == [heldId])

        let (releasedStatus, released) = try await after.request(
            "POST", "/v1/bookings/\(heldId)/release", token: provider, json: ["reason": "Zweimal ohne Entschuldigung gefehlt"])
        #expect(releasedStatus == 200 && released["cancelledBy"] as? String == "provider")
        let (_, promoted) = try await after.request("GET", "/v1/bookings/\(waitingId)", token: centre)
        #expect(promoted["status"] as? String == "confirmed")

        let mails = try await ServeEndToEndTests.received(smtp.sinkFile, count: 4)
        let release = try #require(mails.first { $0["rcpt"] as? [String] == ["ayse@example.org"] && $0["method"] as? String == "CANCEL" })
        #expect(release["lang"] as? String == "tr")
        #expect((release["text"] as? String)?.contains("Zweimal ohne Entschuldigung gefehlt") == true)
        #expect(release["uid"] as? String == "\(heldId)@wegweiser")
        let seat = try #require(mails.last { $0["rcpt"] as? [String] == ["olena@example.org"] })
        #expect(seat["method"] as? String == "REQUEST" && seat["lang"] as? String == "uk")
        #expect(try await after.terminate() == 0)
    }

    @Test func theAttendanceSheetWorksOnAPhoneByTouchAndKeyboardWithoutSeriousAccessibilityFaults() async throws {
        for program in [BrowserTests.chromium, BrowserTests.chromedriver] {
            try #require(FileManager.default.isExecutableFile(atPath: program), "\(program) is missing: apt-get install chromium chromium-driver")
        }
        let scratch = try Scratch()
        let (provider, providerId) = try await ServeData.organisationAccess("provider", database: scratch.databasePath)
        let centre = try await ServeData.organisation("advice-centre", database: scratch.databasePath)
        let smtp = try #require(try await SMTPSink.start())
        defer { smtp.stop() }
        let (course, _, _, secondStatus) = try await Self.prepare(scratch, smtp: smtp, provider: provider, centre: centre, capacity: 2)
        #expect(secondStatus == "confirmed")

        // Monday 6 March 2028, after the first session.
        // An invitation valid on the server's (moved) calendar; plain http on this machine, so
        // cookies without Secure.
        let invitation = try await scratch.database.invite(
            to: providerId, role: .admin, by: nil, now: try #require(Timestamp(rfc3339: "2028-03-06T12:00:00Z")))
        let server = try Self.serve(at: "2028-03-06 13:00:00", scratch, smtp: smtp, extra: ["--insecure-cookies"])
        try await server.waitUntilHealthy()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("attendance_check.py")
        let run = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", script.path, "--url", server.baseURL, "--provider-invitation", "/staff/invitation/\(invitation)", "--course", course, "--date", "2028-03-06",
        ])
        try #require(run.status == 0, "attendance_check.py exited \(run.status):\n\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "not JSON: \(run.stdout)")
        let details = "\(run.stdout)\n\(run.stderr)"
        #expect(report["errors"] as? [String] == [], "\(details)")
        #expect(report["people"] as? [String] == ["Ayşe Yılmaz", "Olena Kovalenko"], "\(details)")
        #expect(report["radiosPerPerson"] as? [Int] == [5, 5], "\(details)")
        #expect(report["fitsPhone"] as? Bool == true, "the sheet scrolls sideways on a phone: \(details)")
        #expect(report["chosen"] as? [String] == ["X", "U"], "\(details)")
        #expect((report["notice"] as? String)?.contains("abgezeichnet") == true, "\(details)")
        #expect(report["signedOffMarks"] as? [String] == ["Ayşe Yılmaz X", "Olena Kovalenko U"], "\(details)")
        #expect(report["chart"] as? Int == 1 && report["chartValues"] as? [String] == ["06.03.: 1/2 (50 %)"], "\(details)")
        for page in ["sheetAxe", "signedOffAxe", "overviewAxe"] {
            #expect(report[page] as? [String] == [], "axe: serious or critical violations on \(page): \(details)")
        }

        // What the browser stored is what the API reads.
        let (_, record) = try await server.request("GET", "/v1/courses/\(course)/attendance", token: provider)
        let session = (record["sessions"] as? [[String: Any]])?.first
        #expect(session?["signedOffAt"] != nil && (session?["marks"] as? [[String: Any]])?.map { $0["code"] as? String } == ["X", "U"])
        #expect(try await server.terminate() == 0)
    }
}
