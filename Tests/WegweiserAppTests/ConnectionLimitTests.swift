import Foundation
import Testing
import TestSupport

/// Bounds on connections, through the built server and raw sockets: a request whose head never
/// finishes is cut off, and connections beyond the cap are closed as they open.
@Suite(.serialized) struct ConnectionLimitTests {
    /// Opens sockets to the server and reports, as JSON, what became of them.
    static let probe = #"""
import json, socket, sys, time
port, mode = int(sys.argv[1]), sys.argv[2]
def closed(s, wait):
    s.settimeout(wait)
    try:
        return s.recv(1) == b""
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True
if mode == "slow-head":
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    early = closed(s, 0.3)
    late = closed(s, 4)
    print(json.dumps({"closedEarly": early, "closedLater": late}))
else:
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    served = []
    for s in held:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        s.settimeout(5)
        served.append(s.recv(4096).startswith(b"HTTP/1.1 200"))
    extra = socket.create_connection(("127.0.0.1", port))
    third = closed(extra, 3)
    for s in held: s.close()
    time.sleep(0.5)
    again = socket.create_connection(("127.0.0.1", port))
    again.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    again.settimeout(5)
    answer = again.recv(4096).decode(errors="replace")
    print(json.dumps({"heldServed": all(served), "thirdClosed": third, "laterServed": answer.startswith("HTTP/1.1 200")}))
"""#

    func probe(_ server: ServeProcess, _ mode: String) async throws -> [String: Bool] {
        let port = String(server.port)
        let output = try await runPython(["-c", Self.probe, port, mode])
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Bool])
    }

    @Test func aRequestHeadThatNeverFinishesIsCutOffAfterTheIdleTimeout() async throws {
        let scratch = try Scratch()
        let server = try ServeProcess(arguments: ["--db", scratch.databasePath, "--idle-timeout", "1"], directory: scratch.directory)
        defer { server.kill() }
        try await server.waitUntilHealthy()
        let result = try await probe(server, "slow-head")
        #expect(result["closedEarly"] == false, "a request may take a moment")
        #expect(result["closedLater"] == true, "but not for ever: \(result)")
    }

    @Test func connectionsBeyondTheCapAreClosedAndPlacesComeBackWhenOthersClose() async throws {
        let scratch = try Scratch()
        let server = try ServeProcess(
            arguments: ["--db", scratch.databasePath, "--max-connections", "2", "--idle-timeout", "1"], directory: scratch.directory)
        defer { server.kill() }
        try await server.waitUntilHealthy()
        // The health checks' own connection is closed by the server once idle.
        await pause(.milliseconds(1500))
        let result = try await probe(server, "cap")
        #expect(result["heldServed"] == true, "two connections are served: \(result)")
        #expect(result["thirdClosed"] == true, "\(result)")
        #expect(result["laterServed"] == true, "\(result)")
        let log = try String(contentsOf: server.log, encoding: .utf8)
        #expect(log.contains("connection refused: the server holds its maximum of connections"))
    }
}
