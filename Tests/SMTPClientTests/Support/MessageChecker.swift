import Foundation
import Testing
import TestSupport
@testable import SMTPClient

/// Parses raw messages with Python's standard `email` package (policy=default), an
/// implementation independent of ours, and compares them with the MailMessage they came from.
enum MessageChecker {
    static let script = #"""
import email, email.policy, json, sys
for path, expected in json.load(open(sys.argv[1])):
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    problems = []
    def check(label, got, want):
        if got != want:
            problems.append(f"{label}: got {got!r}, want {want!r}")
    check("defects", [type(d).__name__ for part in msg.walk() for d in part.defects], [])
    check("subject", str(msg["subject"]), expected["subject"])
    # CPython before the gh-128110 fix adds a space between adjacent encoded-words in a
    # display name (RFC 2047 §6.2 says to ignore it), so names compare with runs of spaces
    # collapsed; EncodedWordTests checks the exact bytes.
    def name(value):
        return " ".join(value.split()) if value is not None else None
    to = msg["to"].addresses[0]
    check("to name", name(to.display_name), name(expected["toName"]))
    check("to address", to.addr_spec, expected["toAddress"])
    check("from name", name(msg["from"].addresses[0].display_name), name(expected["fromName"]))
    check("message-id", msg["message-id"], expected["messageId"])
    check("types", [p.get_content_type() for p in msg.walk()], expected["types"])
    plain = msg.get_body(("plain",))
    check("text", plain.get_content().replace("\r\n", "\n"), expected["text"].replace("\r\n", "\n"))
    html = msg.get_body(("html",)).get_content().replace("\r\n", "\n")
    check("html has body", expected["html"].replace("\r\n", "\n") in html, True)
    if expected["calendar"] is not None:
        cal = [p for p in msg.walk() if p.get_content_type() == "text/calendar"][0]
        check("calendar", cal.get_content(), expected["calendar"])
        check("method", cal.get_param("method"), expected["method"])
        check("filename", cal.get_filename(), "invite.ics")
        check("disposition", cal.get_content_disposition(), "attachment")
    if problems:
        print(path + ": " + "; ".join(problems))
        sys.exit(1)
print("ok")
"""#

    /// What Python must find in the message rendered from `message`, as JSON values.
    static func expectations(for message: MailMessage) -> [String: Any] {
        func json(_ value: String?) -> Any { value.map { $0 as Any } ?? NSNull() }
        let mixed = message.calendar == nil ? [] : ["multipart/mixed"]
        let types = mixed + ["multipart/alternative", "text/plain", "text/html"]
            + (message.calendar == nil ? [] : ["text/calendar"])
        return [
            "subject": message.subject, "toName": json(message.to.displayName), "toAddress": message.to.address,
            "fromName": json(message.from.displayName), "messageId": message.messageId, "types": types,
            "text": message.textBody, "html": message.htmlBody, "calendar": json(message.calendar?.text),
            "method": json(message.calendar?.method.rawValue),
        ]
    }

    /// Writes each raw message to a temp file and lets Python check all of them at once.
    static func check(_ pairs: [(raw: [UInt8], message: MailMessage)],
                      sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard await Python.require(module: "email", sourceLocation: sourceLocation) else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var cases: [Any] = []
        for (index, pair) in pairs.enumerated() {
            let path = directory.appendingPathComponent("\(index).eml").path
            try Data(pair.raw).write(to: URL(fileURLWithPath: path))
            cases.append([path, expectations(for: pair.message)])
        }
        let casesURL = directory.appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: casesURL)
        let result = try await Python.run(["-c", script, casesURL.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
    }
}
