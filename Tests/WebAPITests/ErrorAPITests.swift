import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Errors: 400, 401, 403, 404, 413, 422 as problem+json")
struct ErrorAPITests {
    /// Checks the RFC 9457 shape: the media type and `type`, `title`, `status`, `detail`.
    func expectProblemShape(_ answer: APIAnswer, _ status: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(answer.status == status, sourceLocation: sourceLocation)
        #expect(answer.headers[.contentType] == "application/problem+json", sourceLocation: sourceLocation)
        #expect((answer.json["type"] as? String)?.hasPrefix("https://") == true, sourceLocation: sourceLocation)
        #expect(answer.json["title"] as? String == status.reasonPhrase, sourceLocation: sourceLocation)
        #expect(answer.json["status"] as? Int == status.code, sourceLocation: sourceLocation)
        #expect((answer.json["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test("every kind of error is problem+json with type, title, status and detail")
    func problemShape() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let person = try await client.createParticipant(token: server.centre)
            _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)

            expectProblemShape(try await client.call(.post, "/v1/locations", token: server.provider, json: "{"), .badRequest)
            expectProblemShape(try await client.post("/v1/locations", token: nil, Sample.location()), .unauthorized)
            expectProblemShape(try await client.post("/v1/courses", token: server.centre, Sample.course(locationId: location)), .forbidden)
            expectProblemShape(try await client.get("/v1/bookings/bkg-unknown", token: server.centre), .notFound)
            expectProblemShape(try await client.book(token: server.centre, participantId: person, courseId: course), .conflict)
            expectProblemShape(try await client.post("/v1/participants", token: server.centre, Sample.participant(["consent": false])), .unprocessableContent)
        }
    }

    @Test("a server error is 500 problem+json with the request id its log line carries, and says nothing of the cause")
    func serverErrorCarriesTheRequestId() async throws {
        let server = try APITestServer()
        try await server.server.database.write { db in try db.execute(sql: "ALTER TABLE outbox RENAME TO outbox_gone") }
        try await server.test { client in
            let answer = try await client.get("/v1/notifications", token: server.centre)
            expectProblemShape(answer, .internalServerError)
            #expect((answer.json["requestId"] as? String)?.isEmpty == false)
            #expect(!answer.text.contains("outbox"), "the cause stays in the log")
            let ok = try await client.get("/v1/courses")
            #expect(ok.json["requestId"] == nil)
        }
    }

    @Test("422 lists every broken field with field and message")
    func validationErrors() async throws {
        let server = try APITestServer()
        try await server.test { client in
            // Email and phone are optional, but what is given must be one.
            let answer = try await client.post("/v1/participants", token: server.centre, ["consent": true, "email": "no address", "phone": "call me"])
            #expect(isProblem(answer, .unprocessableContent, "validation-failed"))
            let errors = try #require(answer.json["errors"] as? [[String: Any]])
            #expect(Set(errors.compactMap { $0["field"] as? String }) == ["name", "email", "phone", "preferredLanguage", "district", "lat", "lon", "level"])
            #expect(errors.allSatisfy { ($0["message"] as? String)?.isEmpty == false && $0.count == 2 })
            #expect(try server.participantCount() == 0)
        }
    }

    @Test("an unknown value is 422 naming the field and the values it takes")
    func unknownValue() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.post("/v1/participants", token: server.centre, Sample.participant(["gender": "other"]))
            #expect(isProblem(answer, .unprocessableContent))
            let detail = try #require(answer.json["detail"] as? String)
            #expect(detail.contains("gender"))
            for value in ["female", "male", "diverse", "unspecified"] { #expect(detail.contains(value)) }
            #expect(try server.participantCount() == 0)
        }
    }

    @Test("malformed JSON is 400 and stores nothing", arguments: [
        "{", "name=VHS", "[1, 2]", "\"just a string\"", "{\"name\": \"VHS\"} trailing",
    ])
    func malformedJSON(_ body: String) async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.call(.post, "/v1/participants", token: server.centre, json: body)
            #expect(isProblem(answer, .badRequest, "malformed-request"), "\(body) → \(answer.text)")
            #expect(try server.participantCount() == 0)
        }
    }

    /// Foundation's `JSONDecoder` takes a trailing comma, which RFC 8259 does not allow.
    @Test("a trailing comma is malformed JSON: 400")
    func trailingComma() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.call(.post, "/v1/locations", token: server.provider, json: #"{"name": "VHS", "address": "Steinsche Gasse 26", "district": "Mitte", "lat": 51.43, "lon": 6.76,}"#)
            #expect(isProblem(answer, .badRequest, "malformed-request"), "\(answer.text)")
        }
    }

    @Test("a wrong type is 400 naming the field, nested and in batches too")
    func wrongTypes() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let capacity = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, ["capacity": "20"]))
            #expect(isProblem(capacity, .badRequest))
            #expect(errorFields(capacity) == ["capacity"])
            #expect((capacity.json["detail"] as? String)?.contains("whole number") == true)
            let weekdays = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, ["weekdays": "MO,TU"]))
            #expect(errorFields(weekdays) == ["weekdays"])
            let fraction = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, ["capacity": 12.5]))
            #expect(isProblem(fraction, .badRequest))
            #expect(try await client.catalogue().isEmpty)

            let lat = try await client.post("/v1/locations", token: server.provider, Sample.location(["lat": "51.43"]))
            #expect(errorFields(lat) == ["lat"])
            let needs = try await client.post("/v1/participants", token: server.centre, Sample.participant(["needs": ["childcare": "yes"]]))
            #expect(isProblem(needs, .badRequest))
            #expect(errorFields(needs) == ["needs.childcare"])
            let consent = try await client.post("/v1/participants", token: server.centre, Sample.participant(["consent": "true"]))
            #expect(isProblem(consent, .badRequest))
            #expect(errorFields(consent) == ["consent"])
            let languages = try await client.post("/v1/participants", token: server.centre, Sample.participant(["languages": "tr"]))
            #expect(errorFields(languages) == ["languages"])
            #expect(try server.participantCount() == 0)

            let slotPlace = try await client.createLocation(token: server.centre)
            let batch = try await client.post("/v1/slots", token: server.centre, ["slots": [
                Sample.slot(locationId: slotPlace), Sample.slot(locationId: slotPlace, ["durationMinutes": "45"]),
            ]])
            #expect(isProblem(batch, .badRequest))
            #expect(errorFields(batch) == ["slots[1].durationMinutes"])
            #expect(try await client.slots(token: server.centre).isEmpty)
        }
    }

    @Test("a body that is not valid UTF-8 is 400 and stores nothing")
    func invalidUTF8() async throws {
        let server = try APITestServer()
        try await server.test { client in
            var bytes = Array(jsonText(Sample.participant(["name": "Ayse"])).utf8)
            let at = try #require(bytes.firstIndex(of: UInt8(ascii: "A")))
            bytes[at] = 0xC3
            bytes.insert(0x28, at: at + 1)  // C3 28: a lead byte without its continuation
            let answer = try await client.callRaw(.post, "/v1/participants", token: server.centre, bytes: bytes)
            #expect(isProblem(answer, .badRequest))
            #expect((answer.json["detail"] as? String)?.contains("UTF-8") == true)
            let latin1 = Array(#"{"name": "Caf"#.utf8) + [0xE9] + Array(#"", "address": "x", "district": "y", "lat": 51.4, "lon": 6.7}"#.utf8)
            let location = try await client.callRaw(.post, "/v1/locations", token: server.provider, bytes: latin1)
            #expect(isProblem(location, .badRequest))
            #expect(try server.participantCount() == 0)
            #expect(try server.server.database.counts().locations == 0)
        }
    }

    @Test("an empty body is 400")
    func emptyBody() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.callRaw(.post, "/v1/participants", token: server.centre, bytes: [])
            #expect(isProblem(answer, .badRequest))
            #expect((answer.json["detail"] as? String)?.contains("body") == true)
        }
    }

    @Test("a body of exactly 1 MiB is read; one byte more is 413 and stores nothing")
    func bodyLimit() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let json = Array(jsonText(Sample.location()).utf8)
            let limit = 1 << 20
            // Whitespace before the closing brace keeps the JSON valid at any length.
            func padded(to size: Int) -> [UInt8] {
                Array(json.dropLast()) + [UInt8](repeating: UInt8(ascii: " "), count: size - json.count) + [UInt8(ascii: "}")]
            }
            let exact = try await client.callRaw(.post, "/v1/locations", token: server.provider, bytes: padded(to: limit))
            #expect(exact.status == .created)
            let over = try await client.callRaw(.post, "/v1/locations", token: server.provider, bytes: padded(to: limit + 1))
            let hugeParticipant = try await client.call(
                .post, "/v1/participants", token: server.centre,
                json: jsonText(Sample.participant(["name": String(repeating: "A", count: 2 << 20)])))
            // Hummingbird signals an overlong body with NIOTooManyBytesError; it must still be 413.
            #expect(isProblem(over, .contentTooLarge, "body-too-large"), "\(over.text)")
            #expect((over.json["detail"] as? String)?.contains("1 MiB") == true)
            expectProblemShape(over, .contentTooLarge)
            #expect(isProblem(hugeParticipant, .contentTooLarge), "\(hugeParticipant.text)")
            #expect(over.status != .created && hugeParticipant.status != .created)
            #expect(try server.server.database.counts().locations == 1)
            #expect(try server.participantCount() == 0)
        }
    }

    @Test("401 for no token, an unknown token, another scheme or an empty bearer; with WWW-Authenticate", arguments: [
        nil, "Bearer wgw_unknown", "Basic dXNlcjpwYXNz", "Bearer ", "wgw_no_scheme",
    ])
    func unauthorized(_ authorization: String?) async throws {
        let server = try APITestServer()
        try await server.test { client in
            var headers: HTTPFields = [:]
            if let authorization { headers[.authorization] = authorization }
            let answer = try await client.call(.post, "/v1/participants", json: jsonText(Sample.participant()), headers: headers)
            #expect(isProblem(answer, .unauthorized, "unauthorized"))
            #expect(answer.headers[.wwwAuthenticate] == "Bearer realm=\"wegweiser\"")
            #expect(try server.participantCount() == 0)
        }
    }

    @Test("the scheme name is case-insensitive: \"bearer\" works")
    func lowercaseScheme() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.call(
                .post, "/v1/participants", json: jsonText(Sample.participant()), headers: [.authorization: "bearer \(server.centre)"])
            #expect(answer.status == .created)
        }
    }

    @Test("403 names the role needed; a token is checked before the body")
    func forbidden() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.call(.post, "/v1/participants", token: server.provider, json: "{ not json")
            #expect(isProblem(answer, .forbidden, "forbidden"))
            let detail = try #require(answer.json["detail"] as? String)
            #expect(detail.contains("advice-centre"))
            #expect(detail.contains("provider"))
            let anonymous = try await client.call(.post, "/v1/participants", json: "{ not json")
            #expect(isProblem(anonymous, .unauthorized))
        }
    }

    @Test("404 for an unknown id and for another centre's id answer alike")
    func notFoundAlike() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let person = try await client.createParticipant(token: server.otherCentre)
            let hidden = try await client.get("/v1/participants/\(person)", token: server.centre)
            let unknown = try await client.get("/v1/participants/par-00000000", token: server.centre)
            #expect(isProblem(hidden, .notFound, "not-found"))
            #expect(isProblem(unknown, .notFound, "not-found"))
            #expect(hidden.json["title"] as? String == unknown.json["title"] as? String)
            #expect((hidden.json["detail"] as? String)?.replacingOccurrences(of: person, with: "ID")
                == (unknown.json["detail"] as? String)?.replacingOccurrences(of: "par-00000000", with: "ID"))
        }
    }
}
