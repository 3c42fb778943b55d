import Foundation
import Testing
import TestSupport

/// The built server, end to end: HTTP in, SMTP out to a real server (aiosmtpd), calendars parsed
/// by Python's `email` and `icalendar`, and a clean stop on SIGTERM.
@Suite(.serialized) struct ServeEndToEndTests {
    /// Reads what aiosmtpd accepted and prints, per message, what a mail client would see.
    static let reader = #"""
import base64, email, email.policy, json, sys
from icalendar import Calendar
out = []
for line in open(sys.argv[1]):
    record = json.loads(line)
    msg = email.message_from_bytes(base64.b64decode(record["data"]), policy=email.policy.default)
    cal = next((p for p in msg.walk() if p.get_content_type() == "text/calendar"), None)
    event = {}
    if cal is not None:
        parsed = Calendar.from_ical(cal.get_content())
        vevent = next(iter(parsed.walk("VEVENT")))
        event = {"method": str(parsed.get("METHOD")), "uid": str(vevent.get("UID")), "sequence": int(vevent.get("SEQUENCE", 0)),
                 "start": vevent.decoded("DTSTART").isoformat(), "rrule": vevent.get("RRULE") is not None}
    out.append({"rcpt": record["rcpt_tos"], "subject": str(msg["subject"]), "messageId": str(msg["message-id"]),
                "defects": sum(len(p.defects) for p in msg.walk()), "lang": str(msg["content-language"]),
                "text": msg.get_body(("plain",)).get_content(), **event})
print(json.dumps(out))
"""#

    static func received(_ sink: URL, count: Int) async throws -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let lines = ((try? String(contentsOf: sink, encoding: .utf8)) ?? "").split(separator: "\n")
            if lines.count >= count {
                let json = try await runPython(["-c", reader, sink.path])
                return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
            }
            await pause(.milliseconds(100))
        }
        Issue.record("aiosmtpd received fewer than \(count) messages")
        return []
    }

    @Test func aBookingOverHTTPIsMailedInTheParticipantsLanguageWithItsCalendar() async throws {
        let scratch = try Scratch()
        let provider = try await ServeData.organisation("provider", database: scratch.databasePath)
        let centre = try await ServeData.organisation("advice-centre", database: scratch.databasePath)

        // The SMTP server: aiosmtpd on a port this test holds.
        let smtp = try #require(try await SMTPSink.start())
        defer { smtp.stop() }
        let sink = smtp.sinkFile

        let server = try ServeProcess(arguments: [
            "--db", scratch.databasePath, "--smtp-url", smtp.url, "--smtp-connections", "2",
            "--mail-from", "Wegweiser Duisburg <kurse@wegweiser.example.org>",
        ], directory: scratch.directory)
        try await server.waitUntilHealthy()

        let course = try await ServeData.course(on: server, provider: provider, capacity: 5)
        let ayse = try await ServeData.participant(on: server, centre: centre, name: "Ayşe Yılmaz", email: "ayse@example.org", language: "tr")
        let (status, booking) = try await server.request("POST", "/v1/bookings", token: centre, json: ["participantId": ayse, "courseId": course])
        #expect(status == 201 && booking["status"] as? String == "confirmed")
        let bookingId = try #require(booking["id"] as? String)

        let confirmation = try #require(try await Self.received(sink, count: 1).first)
        #expect(confirmation["rcpt"] as? [String] == ["ayse@example.org"])
        #expect(confirmation["defects"] as? Int == 0)
        #expect(confirmation["lang"] as? String == "tr")
        #expect((confirmation["text"] as? String)?.contains("Ayşe Yılmaz") == true)
        #expect(confirmation["method"] as? String == "REQUEST")
        #expect(confirmation["uid"] as? String == "\(bookingId)@wegweiser")
        #expect(confirmation["rrule"] as? Bool == true)
        #expect((confirmation["start"] as? String)?.hasPrefix("\(ServeData.courseDates.start)T09:00:00+0") == true)

        // Cancelling sends METHOD:CANCEL for the same calendar entry, one sequence later.
        let (cancelled, _) = try await server.request("DELETE", "/v1/bookings/\(bookingId)", token: centre)
        #expect(cancelled == 200)
        let mails = try await Self.received(sink, count: 2)
        try #require(mails.count == 2)
        #expect(mails[1]["method"] as? String == "CANCEL")
        #expect(mails[1]["uid"] as? String == "\(bookingId)@wegweiser")
        #expect(mails[1]["sequence"] as? Int == (mails[0]["sequence"] as? Int ?? 0) + 1)
        #expect(mails[0]["messageId"] as? String != mails[1]["messageId"] as? String)

        // The outbox says both went out.
        let (_, notifications) = try await server.request("GET", "/v1/notifications?status=sent", token: centre)
        #expect((notifications["notifications"] as? [Any])?.count == 2)

        // SIGTERM: a clean stop.
        #expect(try await server.terminate() == 0)
        let log = try String(contentsOf: server.log, encoding: .utf8)
        #expect(log.contains("stopped; every acknowledged booking is stored"))
    }
}
