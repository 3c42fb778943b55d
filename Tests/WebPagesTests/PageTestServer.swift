import Foundation
import Hummingbird
import HummingbirdTesting
import SchedulingCore
import Store
import TestSupport
import Testing
import WebAPI
import WebPages
import WegweiserApp

/// The sample city on a fresh database at a fixed moment, with the pages and the API on one
/// router, in process.
struct PageTestServer {
    static let now = Timestamp(rfc3339: "2027-01-06T10:00:00+01:00")!
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let server: WegweiserServer
    /// Demo tokens by the first word of the organisation's name (`AWO`, `Caritas`, `VHS` …).
    let tokens: [String: String]
    /// Their first admins' invitations, by the same key.
    let invitations: [String: String]

    /// `clock` is the server's (standing still at `now` unless given); `configure` changes settings.
    init(clock: @escaping @Sendable () -> Timestamp = { Self.now }, configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = ServerConfiguration(resources: ResourceDirectory(root: Self.packageRoot))
        configuration.databasePath = directory.appendingPathComponent("pages.sqlite").path
        configuration.mailDirectory = directory.appendingPathComponent("mail-out").path
        configure(&configuration)
        let database = try AppDatabase(path: configuration.databasePath)
        let report = try SampleLoader(database: database, samples: Self.packageRoot.appendingPathComponent("Samples")).load(now: Self.now)
        var tokens: [String: String] = [:], invitations: [String: String] = [:]
        for access in report.access {
            let key = String(access.organisation.name.split(separator: " ")[0])
            tokens[key] = access.token
            invitations[key] = access.invitation
        }
        self.tokens = tokens
        self.invitations = invitations
        server = try WegweiserServer(configuration: configuration, clock: clock)
    }

    /// The sign-in address of the first admin of organisation `key`, whose account is made on
    /// first use.
    func staff(_ key: String) async throws -> String {
        try await TestStaff.account(
            "admin@\(key.lowercased()).example", from: try #require(invitations[key]), in: server.database, now: Self.now, name: "\(key) Admin")
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = buildRouter(services: server.services)
        server.pages.add(to: router)
        try await Application(router: router).test(.router, body)
    }
}

/// One browser's view: the cookies it holds, sent with every request.
final class Browser: @unchecked Sendable {
    // Used by one test task at a time.
    private(set) var cookies: [String: String] = [:]
    let client: any TestClientProtocol
    var language: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    struct Page {
        let status: HTTPResponse.Status
        let html: String
        let headers: HTTPFields
        var location: String? { headers[.location] }
    }

    /// A cookie as if a response had set it (or another site had planted it).
    func setCookie(_ name: String, _ value: String) {
        cookies[name] = value
    }

    func get(_ path: String) async throws -> Page {
        try await send(.get, path, body: nil, contentType: nil)
    }

    /// Posts `form`; a 503 with Retry-After (the password pool busy: the suite's many servers
    /// share one process's) is sent again a second later, as a person would.
    func post(_ path: String, _ form: [(String, String)]) async throws -> Page {
        let body = form.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
        while true {
            let page = try await send(.post, path, body: ByteBuffer(string: body), contentType: "application/x-www-form-urlencoded")
            guard page.status == .serviceUnavailable, page.headers[.retryAfter] != nil else { return page }
            await pause(.seconds(1))
        }
    }

    /// Posts a `multipart/form-data` form, as a browser sends a form with a file: `fields`, then
    /// the file's bytes as `file` named `fileName`.
    func upload(_ path: String, _ fields: [(String, String)], file: [UInt8], fileName: String) async throws -> Page {
        let boundary = "----wegweiser-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += file + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send(.post, path, body: ByteBuffer(bytes: body), contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Signs in as `email` through the form, as a person would.
    func signIn(_ email: String, password: String = TestStaff.password) async throws -> Page {
        let form = try await get("/staff/sign-in")
        return try await post(
            "/staff/sign-in", [("csrf", Self.field("csrf", in: form.html, form: "sign-in") ?? ""), ("email", email), ("password", password)])
    }

    /// The value of the hidden `name` field in the form with `id` (or the first such field).
    static func field(_ name: String, in html: String, form: String? = nil) -> String? {
        var text = Substring(html)
        if let form, let start = html.range(of: "id=\"\(form)\"") { text = html[start.upperBound...] }
        guard let range = text.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\"" })
    }

    private func send(_ method: HTTPRequest.Method, _ path: String, body: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        if let language { headers[.acceptLanguage] = language }
        if let contentType { headers[.contentType] = contentType }
        let page = try await client.execute(uri: path, method: method, headers: headers, body: body) { response in
            Page(status: response.status, html: String(buffer: response.body), headers: response.headers)
        }
        for cookie in page.headers[values: .setCookie] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if cookie.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return page
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}
