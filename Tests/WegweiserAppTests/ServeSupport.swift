import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing
import TestSupport

/// Runs python3 and answers its standard output; fails on a non-zero exit.
@discardableResult
func runPython(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
    let result = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, environment: environment)
    guard result.status == 0 else { throw PythonFailed(output: result.stdout + result.stderr) }
    return result.stdout
}

struct PythonFailed: Error, CustomStringConvertible {
    let output: String
    var description: String { output }
}

/// `wegweiser serve` as a child process, talked to over real HTTP. It listens on `--port 0`, so
/// the kernel gives it a free port that nothing else can take; the port is read from its log.
final class ServeProcess: Sendable {
    let process: ChildProcess
    let log: URL
    private let listening = Mutex<Int?>(nil)

    /// The port the server listens on, known once `waitUntilHealthy` returned.
    var port: Int { listening.withLock { $0 } ?? 0 }

    /// `environment` is added to this process's own; `launcher` runs the server (`faketime -f …`);
    /// without `resources` the server finds its `Calendars/` and `Notifications/` itself.
    init(
        arguments: [String], directory: URL, environment: [String: String] = [:], launcher: [String] = [], resources: Bool = true,
        log: URL? = nil
    ) throws {
        self.log = log ?? directory.appendingPathComponent("serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: self.log.path, contents: nil)
        let command = launcher + [Paths.executable.path, "serve", "--port", "0"]
            + (resources ? ["--resources", Paths.packageRoot.path] : []) + arguments
        process = try ChildProcess(
            command[0], Array(command.dropFirst()), environment: environment, directory: directory.path,
            stdout: .file(self.log.path), stderr: .file(self.log.path))
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Waits until the server has logged its port and `GET /health` answers 200.
    func waitUntilHealthy(timeout: TimeInterval = 60) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if process.isRunning == false { break }
            if port == 0, let text = try? String(contentsOf: log, encoding: .utf8),
               let match = text.firstMatch(of: /listening on 127\.0\.0\.1:(\d+)/), let number = Int(match.1) {
                listening.withLock { $0 = number }
            }
            if port != 0, let (status, _) = try? await request("GET", "/health"), status == 200 { return }
            await pause(.milliseconds(100))
        }
        throw ServeFailed(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// One HTTP request; answers the status and the parsed JSON object (empty when none).
    func request(_ method: String, _ path: String, token: String? = nil, json: Any? = nil) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
    }

    /// POSTs `json` and answers the new resource's id, requiring 201.
    func create(_ path: String, token: String, _ json: [String: Any]) async throws -> String {
        let (status, body) = try await request("POST", path, token: token, json: json)
        try #require(status == 201, "POST \(path): \(status) \(body)")
        return try #require(body["id"] as? String)
    }

    /// SIGKILL, reaped at once: the clean-up of a test that has no use for a graceful stop.
    func kill() {
        process.signal(SIGKILL)
        process.waitForExit()
    }

    /// SIGTERM, then waits for the exit; answers the exit status.
    @discardableResult
    func terminate() async throws -> Int32 {
        process.signal(SIGTERM)
        return try await offThePool { [process] in
            process.waitForExit()
            return process.terminationStatus
        }
    }
}

struct ServeFailed: Error, CustomStringConvertible {
    let log: String
    var description: String { "serve did not become healthy:\n\(log)" }
}

/// What a test needs on the server: a provider and an advice centre with tokens, made with
/// `wegweiser org create` before the server starts, and a course and participants made over HTTP.
enum ServeData {
    /// The spawned server decides with the system clock (under libfaketime, the faked one, which
    /// the child inherits), so its courses lie relative to that clock: from the first Monday
    /// at least 60 days ahead, for 12 weeks.
    static let courseDates: (start: String, end: String) = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        var day = calendar.startOfDay(for: Date().addingTimeInterval(60 * 86_400))
        while calendar.component(.weekday, from: day) != 2 { day = calendar.date(byAdding: .day, value: 1, to: day)! }
        let end = calendar.date(byAdding: .day, value: 12 * 7, to: day)!
        func text(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        return (text(day), text(end))
    }()

    static func organisation(_ kind: String, database: String) async throws -> String {
        try await organisationAccess(kind, database: database).token
    }

    /// A new organisation's token and id.
    static func organisationAccess(_ kind: String, database: String) async throws -> (token: String, id: String) {
        let result = try await runWegweiser(["org", "create", "--db", database, "--kind", kind, "--name", "Test \(kind)"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (try #require(object?["token"] as? String), try #require(object?["orgId"] as? String))
    }

    /// A course at a new location, by default on Mondays and Thursdays over `courseDates`.
    static func course(
        on server: ServeProcess, provider: String, capacity: Int, weekdays: [String] = ["MO", "TH"],
        dates: (start: String, end: String) = courseDates
    ) async throws -> String {
        let location = try await server.create("/v1/locations", token: provider, [
            "name": "VHS-Zentrum", "address": "Steinsche Gasse 26, 47051 Duisburg", "district": "Mitte",
            "lat": 51.4325, "lon": 6.7652, "stepFree": true,
        ])
        return try await server.create("/v1/courses", token: provider, [
            "title": "Integrationskurs A1", "kind": "general", "level": "A1", "locationId": location, "capacity": capacity,
            "womenOnly": false, "childcare": false, "startDate": dates.start, "endDate": dates.end,
            "weekdays": weekdays, "startTime": "09:00", "endTime": "12:15",
        ])
    }

    static func participant(on server: ServeProcess, centre: String, name: String, email: String, language: String) async throws -> String {
        try await server.create("/v1/participants", token: centre, [
            "name": name, "email": email, "preferredLanguage": language, "languages": [language, "de"], "gender": "female",
            "district": "Hamborn", "lat": 51.49, "lon": 6.77, "level": "none",
            "needs": ["womenOnly": false, "childcare": false, "stepFree": false], "availability": ["morning"], "consent": true,
        ])
    }
}
