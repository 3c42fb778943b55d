import Foundation
import Testing
import TestSupport
@testable import QRCode

/// Reads symbols with zxing-cpp through decode_qr.py: a reader written independently of our
/// encoder, so a round trip proves the symbol, not just our own idea of it.
enum ZXingReader {
    struct Reading: Equatable {
        var text: String
        /// What the reader took from the format and version information.
        var level: String
        var version: Int?
        var mask: Int?
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("decode_qr.py").path

    /// The matrix as decode_qr.py reads it: one line of 0 and 1 per row.
    static func matrixText(_ code: QRCode) -> String {
        (0..<code.size).map { y in
            String((0..<code.size).map { x in code[x, y] ? "1" : "0" })
        }.joined(separator: "\n") + "\n"
    }

    /// Nil, with an issue recorded, when nothing decodes.
    static func read(_ code: QRCode, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Reading? {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("qr-\(UUID().uuidString).txt")
        try matrixText(code).write(to: file, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try await Python.run([script, file.path])
        guard output.status == 0 else {
            Issue.record("zxing-cpp did not decode the symbol: \(output.stderr)", sourceLocation: sourceLocation)
            return nil
        }
        var fields: [String: String] = [:]
        for pair in output.stderr.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return Reading(
            text: output.stdout, level: fields["level"] ?? "?",
            version: fields["version"].flatMap { Int($0) }, mask: fields["mask"].flatMap { Int($0) }
        )
    }
}
