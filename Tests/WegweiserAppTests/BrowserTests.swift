import Foundation
import Testing
import TestSupport

/// The web pages as a person meets them: `wegweiser serve --samples` driven by headless Chromium
/// through `browser_check.py` (selenium), in German and in Arabic, with axe-core checking
/// WCAG 2.0/2.1 A and AA. CI installs Chromium, chromedriver and the Python packages (`.ci/run`).
@Suite(.serialized) struct BrowserTests {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("browser_check.py")

    /// Tunde Boateng of the AWO advice centre (Samples/participants-awo.csv): level A1, needs
    /// childcare, free in the mornings, so the morning A1 courses with childcare are among their matches.
    static let participantId = "p0001"
    static let centreId = "centre-awo"
    /// course-002 and course-032 (Samples/courses.csv); course-002 is the earliest course of all.
    static let course = "Integrationskurs mit Kinderbetreuung (A1)"
    /// The end of the distance reason, which every match carries ("8,1 km entfernt", `MatchReason.distance`).
    static let reason = "km entfernt"

    /// The token `serve --samples` printed for the organisation `id`, on a line
    /// "  advice-centre NAME: TOKEN" (NAME from Samples/organisations.json).
    static func demoToken(of id: String, in log: String) throws -> String {
        try demoLine(of: id, in: log, invitation: false)
    }

    /// The path of the first-admin invitation `serve --samples` printed for the organisation `id`,
    /// on a line "  advice-centre NAME: http://…/staff/invitation/SECRET".
    static func demoInvitationPath(of id: String, in log: String) throws -> String {
        let link = try demoLine(of: id, in: log, invitation: true)
        return String(link[try #require(link.range(of: "/staff/invitation/")).lowerBound...])
    }

    private static func demoLine(of id: String, in log: String, invitation: Bool) throws -> String {
        let data = try Data(contentsOf: Paths.samples.appendingPathComponent("organisations.json"))
        let organisations = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let name = try #require(organisations.first { $0["id"] as? String == id }?["name"] as? String)
        let line = try #require(
            log.split(separator: "\n").first { $0.contains("\(name): ") && $0.contains("/staff/invitation/") == invitation },
            "serve --samples printed no \(invitation ? "invitation" : "token") for \(name):\n\(log)")
        return try #require(line.components(separatedBy: "\(name): ").last).trimmingCharacters(in: .whitespaces)
    }

    @Test func catalogueParticipantAndProviderPagesWorkInGermanAndArabicWithoutSeriousAccessibilityFaults() async throws {
        // Setup. A missing browser fails the test rather than skipping it: a skip would pass for green.
        for program in [Self.chromium, Self.chromedriver] {
            try #require(
                FileManager.default.isExecutableFile(atPath: program),
                "\(program) is missing: apt-get install chromium chromium-driver (as .ci/run does)")
        }
        let awo = try String(contentsOf: Paths.samples.appendingPathComponent("participants-awo.csv"), encoding: .utf8)
        try #require(
            awo.contains("\n\(Self.participantId),\(Self.centreId),"), "the samples changed: pick another participant")

        let scratch = try Scratch()
        let server = try ServeProcess(
            arguments: ["--db", scratch.databasePath, "--samples", "--insecure-cookies"], directory: scratch.directory)
        try await server.waitUntilHealthy(timeout: 120)
        let log = try String(contentsOf: server.log, encoding: .utf8)
        let invitation = try Self.demoInvitationPath(of: Self.centreId, in: log)
        let providerInvitation = try Self.demoInvitationPath(of: "prov-vhs", in: log)
        let screenshots = ProcessInfo.processInfo.environment["BROWSER_SCREENSHOTS"]
            ?? scratch.directory.appendingPathComponent("screenshots").path

        // Act: one browser run; it exits 0 whatever it found, and 2 when the browser cannot start.
        let run = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", Self.script.path, "--url", server.baseURL, "--centre-invitation", invitation,
            "--participant-id", Self.participantId, "--expect-course", Self.course, "--expect-reason", Self.reason,
            "--screenshots", screenshots, "--provider-invitation", providerInvitation,
        ])
        try #require(run.status == 0, "browser_check.py exited \(run.status):\n\(run.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "not JSON: \(run.stdout)")
        let catalogue = report["catalogue"] as? [String: Any]
        let arabic = report["arabic"] as? [String: Any]
        let participant = report["participant"] as? [String: Any]
        let axe = report["axe"] as? [String: Any]
        let details = "\(run.stdout)\n\(run.stderr)"

        // Check: what a person sees, and what axe finds.
        #expect(catalogue?["hasCourse"] as? Bool == true, "the catalogue does not show \(Self.course): \(details)")
        #expect(arabic?["lang"] as? String == "ar", "an Arabic browser does not get the Arabic catalogue: \(details)")
        #expect(arabic?["dir"] as? String == "rtl", "the Arabic catalogue is not right-to-left: \(details)")
        #expect((participant?["matches"] as? Int ?? 0) > 0, "\(Self.participantId) shows no course match: \(details)")
        #expect(participant?["hasReason"] as? Bool == true, "the matches do not say '\(Self.reason)': \(details)")
        #expect(participant?["hasNotEligible"] as? Bool == true, "no #not-eligible on the participant page: \(details)")
        for page in ["catalogue", "catalogueAr", "participant"] {
            #expect(axe?[page] as? [String] == [], "axe: serious or critical violations on \(page): \(details)")
        }
        // The provider's forms: every one passes axe in German and in Arabic, the preview lists the
        // course's days, and a refused save names its field.
        let provider = report["provider"] as? [String: [String: Any]]
        for page in [
            "courseNew", "coursePreview", "courseErrors", "upload", "uploadErrors", "uploadClean", "locations", "locationNew", "locationEdit",
            "courseEdit",
        ] {
            for language in ["De", "Ar"] {
                #expect(axe?[page + language] as? [String] == [], "axe: serious or critical violations on \(page + language): \(details)")
            }
            #expect(provider?[page + "Ar"]?["dir"] as? String == "rtl" && provider?[page + "Ar"]?["lang"] as? String == "ar", "\(details)")
        }
        #expect(provider?["coursePreviewDe"]?["previewDates"] as? Int == 5, "\(details)")
        #expect(provider?["coursePreviewAr"]?["previewDates"] as? Int == 5, "\(details)")
        #expect((provider?["courseErrorsDe"]?["fieldErrors"] as? Int ?? 0) >= 1, "\(details)")
        #expect((provider?["courseErrorsAr"]?["fieldErrors"] as? Int ?? 0) >= 1, "\(details)")
        #expect(provider?["uploadErrorsDe"]?["uploadErrors"] as? Int == 1 && provider?["uploadErrorsAr"]?["uploadErrors"] as? Int == 1, "\(details)")
        #expect(provider?["uploadCleanDe"]?["uploadConfirm"] as? Bool == true && provider?["uploadCleanAr"]?["uploadConfirm"] as? Bool == true, "\(details)")
        // The centre's counselling hours, likewise; the day view shows the series the check saved.
        let slots = report["slots"] as? [String: [String: Any]]
        for page in ["slotSeries", "slotPreview", "slotErrors", "slotDay", "centreUpload"] {
            for language in ["De", "Ar"] {
                #expect(axe?[page + language] as? [String] == [], "axe: serious or critical violations on \(page + language): \(details)")
            }
            #expect(slots?[page + "Ar"]?["dir"] as? String == "rtl", "\(details)")
        }
        #expect(slots?["slotPreviewDe"]?["previewCount"] as? Int == 12 && slots?["slotPreviewAr"]?["previewCount"] as? Int == 12, "\(details)")
        #expect((slots?["slotErrorsDe"]?["fieldErrors"] as? Int ?? 0) >= 1 && (slots?["slotErrorsAr"]?["fieldErrors"] as? Int ?? 0) >= 1, "\(details)")
        #expect(slots?["slotDayDe"]?["daySlots"] as? Int == 4 && slots?["slotDayAr"]?["daySlots"] as? Int == 4, "\(details)")
        let shots = report["screenshots"] as? [String] ?? []
        #expect(shots.count == 6, "screenshots: \(details)")
        #expect(shots.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "screenshots: \(details)")
    }
}
