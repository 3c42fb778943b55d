import Foundation
import Testing

/// A test CA and server certificates made afresh by `Python/make_test_certificates.py` (Python's
/// `cryptography`), for the SMTP sink's TLS. Each is valid from 2000 to 2099: no test depends on
/// today's date. Nothing here is trusted by the system.
public struct TestCertificates: Sendable {
    /// A server's certificate and its private key, PEM files.
    public struct Server: Sendable {
        public let certificate: String
        public let key: String
    }

    public let directory: URL
    /// The test CA, which signs `localhost` and `wrongHost`: what `--smtp-ca-file` is given.
    public var ca: String { path("ca.pem") }
    /// Another CA, which signs `untrusted` and is never given to the server.
    public var otherCA: String { path("other-ca.pem") }
    /// For `localhost` and `127.0.0.1`, signed by `ca`.
    public var localhost: Server { server("localhost") }
    /// For `mail.example.org` only, signed by `ca`: wrong for a server reached as 127.0.0.1.
    public var wrongHost: Server { server("wrong-host") }
    /// For `localhost` and `127.0.0.1`, signed by `otherCA`.
    public var untrusted: Server { server("untrusted") }

    /// Makes them in a new temporary folder. Nil (with a recorded issue) when python3 or
    /// `cryptography` is missing.
    public static func make(sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestCertificates? {
        guard await Python.require(module: "cryptography", sourceLocation: sourceLocation) else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("certificates-\(UUID().uuidString)")
        let script = URL(fileURLWithPath: SMTPSink.pythonPath).appendingPathComponent("make_test_certificates.py").path
        let result = try await Python.run([script, directory.path])
        guard result.status == 0 else {
            Issue.record("make_test_certificates.py failed: \(result.stderr)", sourceLocation: sourceLocation)
            return nil
        }
        return TestCertificates(directory: directory)
    }

    /// Deletes the folder, keys included.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    private func server(_ stem: String) -> Server { Server(certificate: path("\(stem).pem"), key: path("\(stem)-key.pem")) }
}
