import Foundation
import Testing

/// The built executable, as an operator runs it.
@Suite struct CommandLineTests {
    @Test func orgCreatePrintsOneJSONObjectWithIdAndToken() async throws {
        let scratch = try Scratch()
        let result = try runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "advice-centre", "--name", "AWO Beratung"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String])
        #expect(Set(object.keys) == ["orgId", "token"])
        let token = try #require(object["token"])
        #expect(try await scratch.database.organisation(bearerToken: token)?.name == "AWO Beratung")
    }

    @Test func orgCreateRejectsAnUnknownKind() throws {
        let scratch = try Scratch()
        let result = try runWegweiser(["org", "create", "--db", scratch.databasePath, "--kind", "school", "--name", "X"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("kind: must be one of: provider, advice-centre, admin"))
        #expect(try scratch.database.counts().organisations == 0)
    }

    @Test func importReportsBadRowsAsFileLineReasonAndFails() throws {
        let scratch = try Scratch()
        let organisations = try scratch.file("organisations.json", #"[{"id": "o1", "kind": "provider", "name": "VHS"}, {"id": "o2", "kind": "mystery", "name": "X"}]"#)
        let result = try runWegweiser(["import", "--db", scratch.databasePath, organisations])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(organisations):1: kind: must be one of: provider, advice-centre, admin"))
        #expect(try scratch.database.counts().organisations == 0)
    }

    @Test func importOfAllSamplesPrintsWhatWasLoaded() throws {
        let scratch = try Scratch()
        let result = try runWegweiser(["import", "--db", scratch.databasePath, "--samples", "--resources", Paths.packageRoot.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("courses.csv: imported 72 courses"))
        #expect(result.stdout.contains("slots.json: imported 300 slots"))
        #expect(result.stdout.contains("Tokens (shown once"))
        #expect(try scratch.database.counts().participants == 500)
    }
}
