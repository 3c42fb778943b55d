import Foundation
import Testing
@testable import WebPages

/// The provider's fill-rate chart names every course whole.
@Suite struct FillRateChartTests {
    @Test func longNamesWrapAtSpacesAndAreNeverCut() {
        #expect(FillRateChart.lines("Elternintegrationskurs mit Kinderbetreuung (A1)") == ["Elternintegrationskurs mit", "Kinderbetreuung (A1)"])
        #expect(FillRateChart.lines("Alphabetisierungskurs") == ["Alphabetisierungskurs"])
        #expect(FillRateChart.lines("Donaudampfschifffahrtsgesellschaftskapitänskurs B1") == ["Donaudampfschifffahrtsgesellschaftskapitänskurs", "B1"])
    }

    @Test func theProviderPageShowsEveryCourseNameWholeBesideItsBar() async throws {
        let fixture = try PageTestServer()
        let vhs = try await fixture.staff("VHS")
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(vhs)
            let page = try await browser.get("/provider").html
            let chart = try #require(page.firstMatch(of: /<svg[\s\S]*?<\/svg>/)).output
            let titles = chart.matches(of: /<title>([^<]+)<\/title>/).map { String($0.output.1) }
            let rows = chart.matches(of: /<g><title>[^<]+<\/title><text[^>]*>((?:<tspan[^>]*>[^<]*<\/tspan>)+)<\/text>/).map { match in
                String(match.output.1).matches(of: /<tspan[^>]*>([^<]*)<\/tspan>/).map { String($0.output.1) }
            }
            #expect(!titles.isEmpty && titles.count == rows.count)
            for (title, lines) in zip(titles, rows) {
                #expect(lines.joined(separator: " ") == title, "the label beside the bar is the whole name")
                #expect(lines.allSatisfy { $0.count <= FillRateChart.charactersPerLine || !$0.contains(" ") })
            }
            #expect(titles.contains { $0.count > FillRateChart.charactersPerLine }, "the samples have a name that needs wrapping")
        }
    }
}
