import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import WebAPI
import WegweiserApp

/// JSON text for a request body, from a literal dictionary or array.
func jsonText(_ object: Any) -> String {
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

/// Bodies with real Duisburg values; tests change only what they are about.
enum Sample {
    static func location(_ changes: [String: Any] = [:]) -> [String: Any] {
        let base: [String: Any] = [
            "name": "VHS Duisburg, Stadtmitte", "address": "Steinsche Gasse 26, 47051 Duisburg", "district": "Mitte",
            "lat": 51.4325, "lon": 6.7652, "stepFree": true,
        ]
        return base.merging(changes) { $1 }
    }

    /// A morning integration course at level A1, Monday to Friday from February to June 2027.
    static func course(locationId: String, _ changes: [String: Any] = [:]) -> [String: Any] {
        let base: [String: Any] = [
            "title": "Integrationskurs A1 vormittags", "kind": "general", "level": "A1", "locationId": locationId,
            "capacity": 20, "womenOnly": false, "childcare": false, "startDate": "2027-02-01", "endDate": "2027-06-30",
            "weekdays": ["MO", "TU", "WE", "TH", "FR"], "startTime": "09:00", "endTime": "12:15",
        ]
        return base.merging(changes) { $1 }
    }

    /// A woman from Marxloh who speaks Turkish and some German and has not begun a course.
    static func participant(_ changes: [String: Any] = [:]) -> [String: Any] {
        let base: [String: Any] = [
            "name": "Ayşe Yılmaz", "email": "ayse.yilmaz@example.org", "preferredLanguage": "tr", "languages": ["tr", "de"],
            "gender": "female", "district": "Marxloh", "lat": 51.5010, "lon": 6.7790, "level": "none",
            "needs": ["womenOnly": false, "childcare": false, "stepFree": false],
            "availability": ["morning", "afternoon"], "consent": true,
        ]
        return base.merging(changes) { $1 }
    }

    /// A man from Hochfeld, Arabic first, at level A1.
    static func man(_ changes: [String: Any] = [:]) -> [String: Any] {
        let base: [String: Any] = [
            "name": "Mohammed Al-Ahmad", "email": "m.alahmad@example.org", "preferredLanguage": "ar", "languages": ["ar", "en"],
            "gender": "male", "district": "Hochfeld", "lat": 51.4170, "lon": 6.7600, "level": "A1",
        ]
        return participant(base.merging(changes) { $1 })
    }

    /// A morning counselling appointment in Turkish and German.
    static func slot(locationId: String, _ changes: [String: Any] = [:]) -> [String: Any] {
        let base: [String: Any] = [
            "locationId": locationId, "start": "2027-02-10T09:00:00+01:00", "durationMinutes": 45, "service": "mbe",
            "languages": ["de", "tr"], "womenOnly": false, "counsellor": "Frau Demir",
        ]
        return base.merging(changes) { $1 }
    }
}

typealias APIAnswer = (status: HTTPResponse.Status, json: [String: Any], headers: HTTPFields, text: String)

extension TestClientProtocol {
    func post(_ path: String, token: String?, _ body: [String: Any], headers: HTTPFields = [:]) async throws -> APIAnswer {
        try await call(.post, path, token: token, json: jsonText(body), headers: headers)
    }

    func get(_ path: String, token: String? = nil) async throws -> APIAnswer {
        try await call(.get, path, token: token)
    }

    /// A request whose body is exactly `bytes`, for bodies that are not valid text.
    func callRaw(_ method: HTTPRequest.Method, _ path: String, token: String?, bytes: [UInt8]) async throws -> APIAnswer {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: path, method: method, headers: headers, body: ByteBuffer(bytes: bytes)) { response in
            let text = String(buffer: response.body)
            let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
            return (response.status, parsed, response.headers, text)
        }
    }

    func createLocation(token: String, _ changes: [String: Any] = [:]) async throws -> String {
        let answer = try await post("/v1/locations", token: token, Sample.location(changes))
        try #require(answer.status == .created, "location: \(answer.text)")
        return try #require(answer.json["id"] as? String)
    }

    /// Creates a course and answers its JSON.
    func createCourse(token: String, locationId: String, _ changes: [String: Any] = [:]) async throws -> [String: Any] {
        let answer = try await post("/v1/courses", token: token, Sample.course(locationId: locationId, changes))
        try #require(answer.status == .created, "course: \(answer.text)")
        return answer.json
    }

    func createCourseId(token: String, locationId: String, _ changes: [String: Any] = [:]) async throws -> String {
        try #require(try await createCourse(token: token, locationId: locationId, changes)["id"] as? String)
    }

    /// Registers a participant from `body` (see `Sample`) and answers the id.
    func createParticipant(token: String, _ body: [String: Any] = Sample.participant()) async throws -> String {
        let answer = try await post("/v1/participants", token: token, body)
        try #require(answer.status == .created, "participant: \(answer.text)")
        return try #require(answer.json["id"] as? String)
    }

    func createSlot(token: String, locationId: String, _ changes: [String: Any] = [:]) async throws -> String {
        let answer = try await post("/v1/slots", token: token, Sample.slot(locationId: locationId, changes))
        try #require(answer.status == .created, "slot: \(answer.text)")
        return try #require(answer.json["id"] as? String)
    }

    func book(token: String, participantId: String, courseId: String, key: String? = nil) async throws -> APIAnswer {
        var headers: HTTPFields = [:]
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await post("/v1/bookings", token: token, ["participantId": participantId, "courseId": courseId], headers: headers)
    }

    func book(token: String, participantId: String, slotId: String) async throws -> APIAnswer {
        try await post("/v1/bookings", token: token, ["participantId": participantId, "slotId": slotId])
    }

    /// Books and requires success; answers the booking.
    func bookedCourse(token: String, participantId: String, courseId: String) async throws -> [String: Any] {
        let answer = try await book(token: token, participantId: participantId, courseId: courseId)
        try #require(answer.status == .created, "booking: \(answer.text)")
        return answer.json
    }

    /// The courses of the public catalogue (`query` like `?level=A1`).
    func catalogue(_ query: String = "") async throws -> [[String: Any]] {
        let answer = try await get("/v1/courses" + query)
        try #require(answer.status == .ok, "catalogue: \(answer.text)")
        return try #require(answer.json["courses"] as? [[String: Any]])
    }

    /// Seats of one course as the public catalogue shows them.
    func seats(of courseId: String) async throws -> (capacity: Int, confirmed: Int, waitlisted: Int) {
        let course = try #require(try await catalogue().first { $0["id"] as? String == courseId }, "\(courseId) not listed")
        return (
            try #require(course["capacity"] as? Int), try #require(course["confirmed"] as? Int),
            try #require(course["waitlisted"] as? Int))
    }

    func bookingStatus(_ id: String, token: String) async throws -> String? {
        let answer = try await get("/v1/bookings/\(id)", token: token)
        try #require(answer.status == .ok, "booking \(id): \(answer.text)")
        return answer.json["status"] as? String
    }

    /// The slots an advice centre sees (`query` like `?free=true`).
    func slots(token: String, _ query: String = "") async throws -> [[String: Any]] {
        let answer = try await get("/v1/slots" + query, token: token)
        try #require(answer.status == .ok, "slots: \(answer.text)")
        return try #require(answer.json["slots"] as? [[String: Any]])
    }
}

extension APITestServer {
    /// Runs `body` against a fresh server on the same database, as after a restart: only what was
    /// written before an answer was given survives.
    func testAfterRestart(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let restarted = try WegweiserServer(configuration: server.configuration, clock: clock)
        try await Application(router: buildRouter(services: restarted.services)).test(.router, body)
    }

    /// Participants stored, counted in the database (there is no list endpoint for them).
    func participantCount() throws -> Int {
        try server.database.counts().participants
    }
}

/// The `field` of each entry of a problem's `errors`.
func errorFields(_ answer: APIAnswer) -> [String] {
    (answer.json["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } ?? []
}

/// The messages of a problem's `errors` for one field.
func errorMessages(_ answer: APIAnswer, field: String) -> [String] {
    (answer.json["errors"] as? [[String: Any]])?.filter { $0["field"] as? String == field }.compactMap { $0["message"] as? String } ?? []
}

/// Whether `answer` is problem+json of `status` whose type ends in `slug`.
func isProblem(_ answer: APIAnswer, _ status: HTTPResponse.Status, _ slug: String? = nil) -> Bool {
    guard answer.status == status, answer.headers[.contentType]?.hasPrefix("application/problem+json") == true,
          answer.json["status"] as? Int == status.code, let type = answer.json["type"] as? String else { return false }
    return slug.map { type.hasSuffix("/" + $0) } ?? true
}

/// Carries ids from one server's test closure to the next (the closures are `@Sendable`).
final class IdBox: Sendable {
    private let ids = Mutex<[String]>([])

    func set(_ values: [String]) { ids.withLock { $0 = values } }
    func get() -> [String] { ids.withLock { $0 } }
}
