import Testing
@testable import Importing

@Suite struct CSVTableTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text = "\u{FEFF}id,name,address\r\nl1,\"Begegnungsstätte \"\"Alte Schmiede\"\"\",\"Münzstraße 31, 47051 Duisburg\"\r\n"
            + "l2,\"Two\nlines\",x\r\n\r\nl3,plain,\"\"\n"
        let table = try CSVTable(parsing: text, file: "locations.csv")
        #expect(table.header == ["id", "name", "address"])
        #expect(table.records.map(\.fields) == [
            ["l1", "Begegnungsstätte \"Alte Schmiede\"", "Münzstraße 31, 47051 Duisburg"],
            ["l2", "Two\nlines", "x"],
            ["l3", "plain", ""],
        ])
        // Records are located by the line they start on, counting the one inside the quotes.
        #expect(table.records.map(\.line) == [2, 3, 6])
    }

    @Test func wrongFieldCountIsReportedWithItsLine() {
        #expect(throws: ImportFailure.self) { try CSVTable(parsing: "a,b\n1,2\n3\n", file: "x.csv") }
        do {
            _ = try CSVTable(parsing: "a,b\n1,2\n3\n", file: "x.csv")
        } catch {
            #expect(error.description == "x.csv:3: has 1 fields, the header has 2")
        }
        // Every such line is named, not only the first.
        do {
            _ = try CSVTable(parsing: "a;b\n1;2\n3\n4;5;6\n7;8\n9\n", file: "x.csv")
            Issue.record("a file with the wrong field counts was read")
        } catch {
            #expect(error.description == "x.csv:3: has 1 fields, the header has 2; so do not lines 4 (3 fields), 6 (1 fields)")
        }
    }

    @Test func unterminatedQuoteIsReported() {
        do {
            _ = try CSVTable(parsing: "a,b\n1,\"open\n", file: "x.csv")
            Issue.record("expected a failure")
        } catch {
            #expect(error.line == 2 && error.reason.contains("never closed"))
        }
    }

    @Test func jsonElementsAreLocatedByLine() {
        let json = "[\n  {\"id\": \"a\", \"name\": \"x]\"},\n\n  {\n    \"id\": \"b\"\n  }\n]"
        #expect(JSONValue.elementLines(of: Array(json.utf8)) == [2, 4])
    }
}
