import Foundation
import TestSupport
import Testing

@Suite struct GoldenFileTests {
    let file = FileManager.default.temporaryDirectory
        .appendingPathComponent("golden-\(UUID().uuidString)").appendingPathComponent("page.html")

    @Test func recordingWritesTheFileAndFailsTheTest() throws {
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        withKnownIssue("a recording run must never pass") {
            try GoldenFile.expect(Array("<p>neu</p>".utf8), matches: file, recording: true)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "<p>neu</p>")
    }

    @Test func differingOutputFailsAndEqualOutputPasses() throws {
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("a\r\nb\r\n".utf8).write(to: file)
        withKnownIssue("one changed byte is a difference") {
            try GoldenFile.expect(Array("a\r\nc\r\n".utf8), matches: file, recording: false)
        }
        withKnownIssue("line endings count unless told otherwise") {
            try GoldenFile.expect(Array("a\nb\n".utf8), matches: file, recording: false)
        }
        try GoldenFile.expect("a\nb\n", matches: file, ignoringLineEndings: true)
        try GoldenFile.expect(Array("a\r\nb\r\n".utf8), matches: file, recording: false)
    }

    @Test func aMissingGoldenFileIsAnError() {
        #expect(throws: (any Error).self) {
            try GoldenFile.expect(Array("x".utf8), matches: file, recording: false)
        }
    }
}
