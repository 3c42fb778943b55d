import Foundation
import TestSupport
import Testing

/// Each page rendered from the fixed sample city at a fixed moment, compared with its golden HTML
/// in `Golden/`. After a deliberate change, `WEGWEISER_RECORD_GOLDEN=1 swift test --filter
/// PageGoldenTests` writes the files anew; review their diff before committing.
@Suite(.serialized) struct PageGoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test func publicPagesInGermanAndArabic() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            try await Self.expect(browser, "/?kind=women", golden: "catalogue-women.de")
            try await Self.expect(browser, "/?kind=women&lang=ar", golden: "catalogue-women.ar")
            try await Self.expect(browser, "/staff/sign-in?lang=en", golden: "sign-in.en")
        }
    }

    @Test func adviceCentreWorkspace() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            try await Self.expect(browser, "/centre?q=rheinhausen&lang=de", golden: "centre-participants")
            try await Self.expect(browser, "/centre/participants/p0001", golden: "centre-participant")
            try await Self.expect(browser, "/centre/participants/new", golden: "centre-register")
            try await Self.expect(browser, "/centre/allocation", golden: "centre-allocation")
            try await Self.expect(browser, "/centre/participants/p0266", golden: "not-found")
        }
    }

    @Test func providerWorkspace() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            try await Self.expect(browser, "/provider?lang=de", golden: "provider-courses")
            try await Self.expect(browser, "/provider/courses/course-011/roster", golden: "provider-roster")
        }
    }

    /// Compares the page at `path` (session tokens masked) with `Golden/<golden>.html`.
    static func expect(_ browser: Browser, _ path: String, golden name: String) async throws {
        let page = try await browser.get(path)
        let html = masked(page.html)
        try GoldenFile.expect(html, matches: golden.appendingPathComponent("\(name).html"))
    }

    /// CSRF tokens are random per session and form.
    static func masked(_ html: String) -> String {
        html.replacing(/name="csrf" value="[A-Za-z0-9_-]*"/, with: "name=\"csrf\" value=\"CSRF\"")
    }
}
