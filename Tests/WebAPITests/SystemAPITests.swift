import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebAPI
import WegweiserApp

@Suite("System endpoints: /health, /metrics, /openapi.yaml")
struct SystemAPITests {
    @Test("GET /health answers 200 {\"status\": \"ok\"} without a token")
    func health() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.get("/health")
            #expect(answer.status == .ok)
            #expect(answer.json["status"] as? String == "ok")
            #expect(answer.json.count == 1)
            #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test("GET /metrics is Prometheus text that counts requests by route pattern, never by id")
    func metrics() async throws {
        let server = try APITestServer()
        try await server.test { client in
            _ = try await client.get("/health")
            _ = try await client.get("/v1/courses/crs-does-not-exist")
            #expect(try await client.get("/metrics").status == .unauthorized, "never public by accident")
            #expect(try await client.get("/metrics", token: "a-wrong-metrics-token").status == .unauthorized)
            #expect(try await client.get("/metrics", token: server.centre).status == .unauthorized, "an organisation's token is not the metrics token")
            let answer = try await client.get("/metrics", token: server.metricsToken)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(answer.text.contains("# TYPE wegweiser_http_requests_total counter"))
            let healthLine = answer.text.split(separator: "\n").first {
                $0.hasPrefix("wegweiser_http_requests_total") && $0.contains("route=\"/health\"") && $0.contains("status=\"200\"")
            }
            #expect(healthLine?.hasSuffix(" 1") == true, "\(answer.text)")
            #expect(answer.text.contains("status=\"404\""))
            #expect(!answer.text.contains("crs-does-not-exist"), "ids must not become label values")
            #expect(answer.text.contains("wegweiser_http_request_duration_seconds"))
        }
    }

    @Test("/metrics counts booking decisions")
    func bookingMetrics() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            for person in try await registerPeople(client, token: server.centre, count: 3) {
                _ = try await client.book(token: server.centre, participantId: person, courseId: course)
            }
            let man = try await client.createParticipant(token: server.centre, Sample.man(["level": "B2"]))
            _ = try await client.book(token: server.centre, participantId: man, courseId: course)
            let text = try await client.get("/metrics", token: server.metricsToken).text
            let lines = text.split(separator: "\n").filter { $0.hasPrefix("wegweiser_bookings_total") }
            #expect(lines.contains { $0.contains("decision=\"confirmed\"") && $0.hasSuffix(" 1") }, "\(lines)")
            #expect(lines.contains { $0.contains("decision=\"waitlisted\"") && $0.hasSuffix(" 2") }, "\(lines)")
            #expect(lines.contains { $0.contains("decision=\"not-eligible\"") && $0.hasSuffix(" 1") }, "\(lines)")
            #expect(text.contains("wegweiser_outbox_pending"))
        }
    }

    @Test("GET /openapi.yaml serves the committed OpenAPI document, naming every path of the contract")
    func openAPI() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.get("/openapi.yaml")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(answer.text.hasPrefix("openapi: 3."))
            for path in [
                "/health", "/metrics", "/v1/locations", "/v1/courses", "/v1/courses/{id}", "/v1/courses/{id}/calendar.ics",
                "/v1/courses/{id}/roster", "/v1/slots", "/v1/participants", "/v1/participants/{id}", "/v1/participants/{id}/matches",
                "/v1/bookings", "/v1/bookings/{id}", "/v1/bookings/{id}/calendar.ics", "/v1/allocations", "/v1/notifications",
            ] {
                #expect(answer.text.contains("\n  \(path):\n"), "\(path) is not documented")
            }
        }
    }

    @Test("an unknown path is 404 problem+json, not an HTML page")
    func unknownPath() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.get("/v1/nothing-here", token: server.admin)
            #expect(isProblem(answer, .notFound, "not-found"))
        }
    }

    @Test("a path with empty segments is redirected to the clean path, query and method kept, never answered as it is")
    func emptySegmentsRedirect() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let page = try await client.call(.get, "//centre?lang=en")
            #expect(page.status == .permanentRedirect && page.headers[.location] == "/centre?lang=en")
            let api = try await client.call(.get, "/v1//courses/")
            #expect(api.status == .permanentRedirect && api.headers[.location] == "/v1/courses/")
            let post = try await client.call(.post, "///v1/participants", token: server.centre, json: "{}")
            #expect(post.status == .permanentRedirect && post.headers[.location] == "/v1/participants")
            #expect(try server.participantCount() == 0)
            #expect(try await client.call(.get, "/v1/courses").status == .ok, "a clean path is answered as before")
        }
    }

    @Test("without --metrics-token /metrics is off: 404, even from this machine")
    func metricsOffWithoutToken() async throws {
        let server = try APITestServer()
        var configuration = server.server.configuration
        configuration.metricsToken = nil
        let plain = try WegweiserServer(configuration: configuration, clock: server.clock)
        try await Application(router: buildRouter(services: plain.services)).test(.router) { client in
            let answer = try await client.get("/metrics")
            #expect(isProblem(answer, .notFound) && (answer.json["detail"] as? String)?.contains("--metrics-token") == true)
        }
    }
}
