import Foundation
import Testing
import TestSupport

/// A participant's personal link as a person meets it: `wegweiser serve --samples` writing mail
/// as `.eml` files, the link taken from a real mail, opened and used in headless Chromium
/// (`link_check.py`), and the printed confirmation's QR code read back by zxing-cpp.
@Suite(.serialized) struct LinkBrowserTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("link_check.py")

    /// The mails in `directory` addressed to `address`.
    static func mails(to address: String, in directory: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "eml" }.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
            .filter { $0.contains("<\(address)>") }
    }

    @Test func aLinkFromAMailCancelsInTheBrowserAndTheWaitingListMoves() async throws {
        for program in [BrowserTests.chromium, BrowserTests.chromedriver] {
            try #require(FileManager.default.isExecutableFile(atPath: program), "\(program) is missing: apt-get install chromium chromium-driver")
        }
        let found = (await Python.require(module: "zxingcpp"), await Python.require(module: "PIL"))
        #expect(found.0 && found.1)
        let scratch = try Scratch()
        let mail = scratch.directory.appendingPathComponent("mail-out")
        let server = try ServeProcess(
            arguments: ["--db", scratch.databasePath, "--samples", "--mail-dir", mail.path, "--insecure-cookies"], directory: scratch.directory)
        try await server.waitUntilHealthy(timeout: 120)
        let log = try String(contentsOf: server.log, encoding: .utf8)
        let centre = try BrowserTests.demoToken(of: "centre-awo", in: log)
        let provider = try BrowserTests.demoToken(of: "prov-vhs", in: log)
        let invitation = try BrowserTests.demoInvitationPath(of: "centre-awo", in: log)

        let course = try await ServeData.course(on: server, provider: provider, capacity: 1)
        let holder = try await ServeData.participant(on: server, centre: centre, name: "سلمى حداد", email: "salma@example.org", language: "ar")
        let waiter = try await ServeData.participant(on: server, centre: centre, name: "Olena Koval", email: "olena@example.org", language: "uk")
        let held = try await server.create("/v1/bookings", token: centre, ["participantId": holder, "courseId": course])
        let waiting = try await server.create("/v1/bookings", token: centre, ["participantId": waiter, "courseId": course])
        try #require(await eventually {
            !Self.mails(to: "salma@example.org", in: mail).isEmpty && !Self.mails(to: "olena@example.org", in: mail).isEmpty
        }, "no mail to both participants in \(mail.path)")

        let run = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", Self.script.path, "--url", server.baseURL, "--mail-dir", mail.path, "--holder", "salma@example.org",
            "--waiter", "olena@example.org", "--centre-invitation", invitation, "--print-booking", waiting,
            "--screenshots", scratch.directory.appendingPathComponent("screenshots").path,
        ])
        try #require(run.status == 0, "link_check.py exited \(run.status):\n\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "not JSON: \(run.stdout)")
        let details = "\(run.stdout)\n\(run.stderr)"
        let holderPage = report["holder"] as? [String: Any], waiterPage = report["waiter"] as? [String: Any]
        let cancelled = report["cancelled"] as? [String: Any], printed = report["print"] as? [String: Any]
        let link = report["holderLink"] as? String ?? ""

        #expect(report["errors"] as? [String] == [], "\(details)")
        #expect(link.hasPrefix(server.baseURL + "/b/"), "the mail's link names this server: \(details)")
        #expect(report["htmlHasLink"] as? Bool == true, "the HTML part links the same address: \(details)")
        #expect(holderPage?["lang"] as? String == "ar" && holderPage?["dir"] as? String == "rtl", "\(details)")
        #expect(waiterPage?["lang"] as? String == "uk" && waiterPage?["dir"] as? String == "ltr", "\(details)")
        #expect(holderPage?["hasCancel"] as? Bool == true, "\(details)")
        for page in [holderPage, waiterPage] {
            #expect(page?["axe"] as? [String] == [], "axe: serious or critical violations: \(details)")
        }
        #expect(cancelled?["url"] as? String == link + "?done=cancelled" && cancelled?["hasCancel"] as? Bool == false, "\(details)")
        #expect((cancelled?["status"] as? String ?? "").isEmpty == false, "\(details)")
        let printedLink = printed?["printedLink"] as? String ?? ""
        #expect(printedLink.hasPrefix(server.baseURL + "/b/"), "\(details)")
        #expect(printed?["decoded"] as? [String] == [printedLink], "the QR code reads back as the printed link: \(details)")
        #expect(printed?["pdfPages"] as? Int == 1, "the confirmation prints on one page: \(details)")
        #expect(printed?["axe"] as? [String] == [], "\(details)")

        // The seat went to the waiting list, and both heard of it.
        let (_, booking) = try await server.request("GET", "/v1/bookings/\(held)", token: centre)
        #expect(booking["status"] as? String == "cancelled" && booking["cancelledBy"] as? String == "participant")
        let (_, promoted) = try await server.request("GET", "/v1/bookings/\(waiting)", token: centre)
        #expect(promoted["status"] as? String == "confirmed")
        #expect(await eventually {
            Self.mails(to: "olena@example.org", in: mail).count >= 2 && Self.mails(to: "salma@example.org", in: mail).count >= 2
        }, "the promoted and the cancellation mail")
        #expect(try await server.terminate() == 0)
    }
}
