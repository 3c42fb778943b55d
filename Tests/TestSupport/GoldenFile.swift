import Foundation
import Testing

/// Rendered output compared with a reviewed file in the repository.
///
/// One switch for every golden test: `WEGWEISER_RECORD_GOLDEN=1` writes the files instead of
/// comparing. A recording run always fails, so that it can never pass silently in CI or hide a
/// change; review `git diff`, then run again without the switch.
public enum GoldenFile {
    /// The environment variable that turns comparing into recording.
    public static let recordSwitch = "WEGWEISER_RECORD_GOLDEN"

    /// Whether this run records instead of comparing.
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment[recordSwitch] == "1"
    }

    /// Compares `actual` with the bytes of `file`, after `normalise` on both sides; in record
    /// mode writes `actual` to `file` and records an issue.
    public static func expect(
        _ actual: [UInt8], matches file: URL, normalise: ([UInt8]) -> [UInt8] = { $0 },
        recording: Bool = isRecording, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if recording {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual).write(to: file, options: .atomic)
            Issue.record(
                "recorded \(file.lastPathComponent): review the diff, then run again without \(recordSwitch)",
                sourceLocation: sourceLocation)
            return
        }
        let expected = try [UInt8](Data(contentsOf: file))
        let same = normalise(actual) == normalise(expected)
        #expect(
            same, "differs from \(file.lastPathComponent):\n\(String(decoding: actual, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    /// Text form of `expect(_:matches:)`; line endings are compared as written unless
    /// `ignoringLineEndings` (a checkout may rewrite them where CRLF is not the point).
    public static func expect(
        _ actual: String, matches file: URL, ignoringLineEndings: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try expect(
            Array(actual.utf8), matches: file,
            normalise: ignoringLineEndings ? withoutCarriageReturns : { $0 },
            sourceLocation: sourceLocation)
    }

    /// CRLF to LF; a lone CR stays, so it still shows as a difference.
    private static func withoutCarriageReturns(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated()
        where !(byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")) {
            out.append(byte)
        }
        return out
    }
}
