import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import SchedulingCore
import Store
import Synchronization
import TestSupport
import Testing
import WebAPI
import WegweiserApp

/// A server on a fresh database (file mail, no reminders needed), with one organisation of each
/// kind and their tokens, for in-process tests through the real router.
struct APITestServer {
    let directory: URL
    let server: WegweiserServer
    let admin: String, provider: String, centre: String, otherCentre: String, otherProvider: String
    let providerId: String, centreId: String, otherCentreId: String
    /// Each organisation's first-admin invitation, by its token.
    let invitations: [String: String]
    /// The server's clock, which a restart keeps.
    let clock: @Sendable () -> Timestamp

    /// The moment every in-process API test runs at: a Monday some weeks before the fixtures'
    /// courses (February 2027) begin, whatever today's date is.
    static let now = Timestamp(rfc3339: "2027-01-11T09:00:00+01:00")!
    /// What `/metrics` asks for in every in-process test.
    static let metricsToken = "metrics-token-of-the-tests"
    var metricsToken: String { Self.metricsToken }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `clock` is the server's; by default it stands still at `now`. `configure` changes settings.
    init(clock: @escaping @Sendable () -> Timestamp = { APITestServer.now }, configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = ServerConfiguration(resources: ResourceDirectory(root: Self.packageRoot))
        configuration.databasePath = directory.appendingPathComponent("api.sqlite").path
        configuration.mailDirectory = directory.appendingPathComponent("mail-out").path
        configuration.metricsToken = Self.metricsToken
        configure(&configuration)
        let database = try AppDatabase(path: configuration.databasePath)
        let now = Self.now
        let city = try database.createOrganisation(kind: .admin, name: "Stadt", now: now)
        admin = city.token
        let provider = try database.createOrganisation(kind: .provider, name: "VHS", now: now)
        let otherProvider = try database.createOrganisation(kind: .provider, name: "Lingua", now: now)
        let centre = try database.createOrganisation(kind: .adviceCentre, name: "AWO", now: now)
        let otherCentre = try database.createOrganisation(kind: .adviceCentre, name: "Caritas", now: now)
        invitations = Dictionary(uniqueKeysWithValues: [city, provider, otherProvider, centre, otherCentre].map { ($0.token, $0.invitation) })
        (self.provider, providerId) = (provider.token, provider.organisation.id)
        self.otherProvider = otherProvider.token
        (self.centre, centreId) = (centre.token, centre.organisation.id)
        (self.otherCentre, otherCentreId) = (otherCentre.token, otherCentre.organisation.id)
        self.clock = clock
        server = try WegweiserServer(configuration: configuration, clock: clock)
    }

    var application: some ApplicationProtocol {
        Application(router: buildRouter(services: server.services))
    }

    /// Runs `body` against the router in process.
    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await application.test(.router, body)
    }
}

extension TestClientProtocol {
    /// A request with a bearer token and a JSON body; answers status and parsed JSON (if any).
    func call(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any], headers: HTTPFields, text: String) {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response in
            let text = String(buffer: response.body)
            let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            return (response.status, parsed, response.headers, text)
        }
    }
}

extension TestClock {
    /// Starting at `APITestServer.now`.
    convenience init() {
        self.init(APITestServer.now)
    }
}

/// A course's row as the database holds it, read past the booking engine.
struct StoredCourse: Equatable {
    let title: String
    let capacity: Int
    let childcare: Bool
    let createdAt: Int64
}

extension APITestServer {
    func storedCourse(_ id: String) throws -> StoredCourse? {
        try server.database.read { db in
            try Row.fetchOne(db, sql: "SELECT title, capacity, childcare, createdAt FROM course WHERE id = ?", arguments: [id])
                .map { StoredCourse(title: $0["title"], capacity: $0["capacity"], childcare: $0["childcare"], createdAt: $0["createdAt"]) }
        }
    }
}
