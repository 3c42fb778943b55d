import Foundation
import Testing

/// A real SMTP server for tests: aiosmtpd with `Python/smtp_sink.py`, serving on a port the test
/// holds. Every accepted message is one JSON line in `sinkFile`.
public final class SMTPSink: Sendable {
    /// The port it listens on, held by the test for the sink's whole life.
    public let port: HeldPort
    public let sinkFile: URL
    /// Whether it speaks TLS from the first byte (`smtps://`).
    public let implicitTLS: Bool
    private let process: ChildProcess

    /// How the sink speaks TLS, with a certificate and key of `TestCertificates`.
    public enum TLS: Sendable {
        /// Offers STARTTLS and takes no mail, and no sign-in, before it (`smtp://`).
        case startTLS(TestCertificates.Server)
        /// TLS from the first byte (`smtps://`).
        case implicit(TestCertificates.Server)
    }

    /// Where the Python side of the sink lives.
    public static let pythonPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python").path

    /// Starts the server on `port` (a new one by default) and waits until it accepts connections;
    /// nil (with a recorded issue) when python3 or aiosmtpd is missing or it does not start.
    /// Recipients in `tempfail` are refused with 451, those in `permfail` with 550; with `auth`
    /// (`user:password`) it takes mail only after that sign-in (530 before it, 535 for a wrong one);
    /// with `tls` it speaks TLS with that certificate.
    public static func start(
        on port: HeldPort? = nil, tempfail: [String] = [], permfail: [String] = [], auth: String? = nil, tls: TLS? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> SMTPSink? {
        guard await Python.require(module: "aiosmtpd", sourceLocation: sourceLocation) else { return nil }
        let port = try port ?? HeldPort()
        let sinkFile = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString).jsonl")
        let process = try ChildProcess(
            "/usr/bin/env", ["python3", URL(fileURLWithPath: pythonPath).appendingPathComponent("smtp_sink_server.py").path],
            environment: [
                "PYTHONPATH": pythonPath, "SINK_FILE": sinkFile.path,
                "SINK_TEMPFAIL": tempfail.joined(separator: ","), "SINK_PERMFAIL": permfail.joined(separator: ","),
                "SINK_AUTH": auth ?? "",
            ].merging(tls?.environment ?? [:]) { $1 },
            stdin: .descriptor(port.descriptor), stdout: .pipe, stderr: .null)
        let sink = SMTPSink(port: port, sinkFile: sinkFile, implicitTLS: tls?.isImplicit ?? false, process: process)
        // "ready\n", or end of file when the server died before listening.
        let said = try await offThePool {
            var said = Data()
            while !said.contains(UInt8(ascii: "\n")) {
                let chunk = process.output?.next() ?? Data()
                if chunk.isEmpty { break }
                said.append(chunk)
            }
            return said
        }
        guard String(decoding: said, as: UTF8.self).hasPrefix("ready") else {
            Issue.record("aiosmtpd did not start on port \(port.number)", sourceLocation: sourceLocation)
            return nil
        }
        return sink
    }

    private init(port: HeldPort, sinkFile: URL, implicitTLS: Bool, process: ChildProcess) {
        self.port = port
        self.sinkFile = sinkFile
        self.implicitTLS = implicitTLS
        self.process = process
    }

    deinit { stop() }

    /// `smtp://127.0.0.1:<port>`, or `smtps://…` with implicit TLS.
    public var url: String { url(host: "127.0.0.1") }

    /// The URL naming the sink as `host` (`localhost`, say), which must reach 127.0.0.1.
    public func url(host: String) -> String { "\(implicitTLS ? "smtps" : "smtp")://\(host):\(port.number)" }

    public func stop() {
        process.signal(SIGKILL)
        process.waitForExit()
        try? FileManager.default.removeItem(at: sinkFile)
    }

    /// One accepted message as `smtp_sink.py` records it.
    public struct Received: Decodable, Sendable {
        public var peer: [Peer]
        public var mail_from: String
        public var rcpt_tos: [String]
        /// The TLS version the message came over (`TLSv1.3`), nil in clear text.
        public var tls: String?
        public var data: String
        public var raw: [UInt8] { [UInt8](Data(base64Encoded: data) ?? Data()) }
        public enum Peer: Decodable, Equatable, Sendable, CustomStringConvertible {
            case host(String), port(Int)
            public var description: String {
                switch self {
                case .host(let host): host
                case .port(let port): String(port)
                }
            }
            public init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let port = try? container.decode(Int.self) { self = .port(port) } else {
                    self = .host(try container.decode(String.self))
                }
            }
        }
    }

    /// The messages received so far, waiting up to `timeout` for `count` of them.
    public func received(count: Int, timeout: Duration = .seconds(120)) async throws -> [Received] {
        let clock = ContinuousClock(), deadline = clock.now + timeout
        while true {
            let text = (try? String(contentsOf: sinkFile, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n")
            if lines.count >= count || clock.now >= deadline {
                return try lines.map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
            }
            await pause(.milliseconds(50))
        }
    }
}

extension SMTPSink.TLS {
    var environment: [String: String] {
        switch self {
        case .startTLS(let server): ["SINK_TLS": "starttls", "SINK_CERT": server.certificate, "SINK_KEY": server.key]
        case .implicit(let server): ["SINK_TLS": "implicit", "SINK_CERT": server.certificate, "SINK_KEY": server.key]
        }
    }

    var isImplicit: Bool {
        if case .implicit = self { true } else { false }
    }
}
