import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("POST /v1/locations")
struct LocationAPITests {
    @Test("a provider creates a location: 201 with an id and every field as sent")
    func providerCreates() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.post("/v1/locations", token: server.provider, Sample.location([
                "name": "  Lingua Sprachschule  ", "district": "Duissern", "lat": 51.4371, "lon": 6.7797, "stepFree": false,
            ]))
            #expect(answer.status == .created)
            let id = try #require(answer.json["id"] as? String)
            #expect(!id.isEmpty)
            #expect(answer.json["name"] as? String == "Lingua Sprachschule", "names are trimmed")
            #expect(answer.json["address"] as? String == "Steinsche Gasse 26, 47051 Duisburg")
            #expect(answer.json["district"] as? String == "Duissern")
            #expect(answer.json["lat"] as? Double == 51.4371)
            #expect(answer.json["lon"] as? Double == 6.7797)
            #expect(answer.json["stepFree"] as? Bool == false)
        }
    }

    @Test("advice centres and administrators create locations too; ids differ")
    func centreAndAdminCreate() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let first = try await client.createLocation(token: server.centre)
            let second = try await client.createLocation(token: server.admin)
            #expect(first != second)
        }
    }

    @Test("a location can be used by courses: its district and stepFree show in the catalogue")
    func usedByCourses() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider, ["district": "Hamborn", "stepFree": true])
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let listed = try #require(try await client.catalogue().first { $0["id"] as? String == course })
            #expect(listed["district"] as? String == "Hamborn")
            #expect(listed["stepFree"] as? Bool == true)
            #expect(listed["locationId"] as? String == location)
        }
    }

    @Test("without a token 401, with an unknown token 401")
    func unauthenticated() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let none = try await client.post("/v1/locations", token: nil, Sample.location())
            #expect(isProblem(none, .unauthorized))
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let unknown = try await client.post("/v1/locations", token: "wgw_not-a-real-token", Sample.location())
            #expect(isProblem(unknown, .unauthorized))
            #expect((unknown.json["detail"] as? String)?.contains("unknown") == true)
        }
    }

    @Test("missing and out-of-range fields are 422 naming each field")
    func invalid() async throws {
        let server = try APITestServer()
        try await server.test { client in
            var body = Sample.location(["lat": 151.4, "district": "   "])
            body["name"] = nil
            let answer = try await client.post("/v1/locations", token: server.provider, body)
            #expect(isProblem(answer, .unprocessableContent, "validation-failed"))
            #expect(Set(errorFields(answer)) == ["name", "district", "lat"])
            #expect(errorMessages(answer, field: "name") == ["is required"])
        }
    }
}
