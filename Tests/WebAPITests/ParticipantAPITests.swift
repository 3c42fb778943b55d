import Foundation
import HTTPTypes
import HummingbirdTesting
import SchedulingCore
import Testing

@Suite("Participants: register, read, erase, matches")
struct ParticipantAPITests {
    // MARK: POST /v1/participants

    @Test("POST /v1/participants: 201 with id, every field and no bookings")
    func register() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.post("/v1/participants", token: server.centre, Sample.participant([
                "languages": ["de"], "needs": ["childcare": true], "availability": ["evening", "morning"],
            ]))
            #expect(answer.status == .created)
            let id = try #require(answer.json["id"] as? String)
            #expect(!id.isEmpty)
            #expect(answer.json["centreId"] as? String == server.centreId)
            #expect(answer.json["name"] as? String == "Ayşe Yılmaz")
            #expect(answer.json["email"] as? String == "ayse.yilmaz@example.org")
            #expect(answer.json["preferredLanguage"] as? String == "tr")
            #expect(answer.json["languages"] as? [String] == ["tr", "de"], "the preferred language is one they speak")
            #expect(answer.json["gender"] as? String == "female")
            #expect(answer.json["district"] as? String == "Marxloh")
            #expect(answer.json["lat"] as? Double == 51.501)
            #expect(answer.json["lon"] as? Double == 6.779)
            #expect(answer.json["level"] as? String == "none")
            let needs = try #require(answer.json["needs"] as? [String: Any])
            #expect(needs["childcare"] as? Bool == true)
            #expect(needs["womenOnly"] as? Bool == false)
            #expect(needs["stepFree"] as? Bool == false)
            #expect(answer.json["availability"] as? [String] == ["morning", "evening"])
            let consent = try #require(answer.json["consent"] as? [String: Any])
            #expect(consent["given"] as? Bool == true)
            #expect(consent["wordingVersion"] as? String == ConsentWording.current)
            #expect(consent["language"] as? String == "tr", "the preferred language when none is named")
            #expect(consent["recordedBy"] as? String == server.centreId)
            #expect((consent["givenAt"] as? String).flatMap { Timestamp(rfc3339: $0) } != nil)
            #expect(answer.json["exactLocation"] as? Bool == false)
            #expect((answer.json["bookings"] as? [Any])?.isEmpty == true)
            #expect(try server.participantCount() == 1)
        }
    }

    @Test("without \"consent\": true it is 422 naming consent, and nothing is stored")
    func consentRequired() async throws {
        let server = try APITestServer()
        try await server.test { client in
            var missing = Sample.participant()
            missing["consent"] = nil
            let withoutConsent = try await client.post("/v1/participants", token: server.centre, missing)
            #expect(isProblem(withoutConsent, .unprocessableContent, "validation-failed"))
            #expect(errorFields(withoutConsent) == ["consent"])
            #expect((withoutConsent.json["detail"] as? String)?.contains("consent") == true)
            let refused = try await client.post("/v1/participants", token: server.centre, Sample.participant(["consent": false]))
            #expect(errorFields(refused) == ["consent"])
            #expect(try server.participantCount() == 0)
        }
    }

    @Test("unknown gender, level, availability and language are 422 naming the field and its values")
    func unknownValues() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let gender = try await client.post("/v1/participants", token: server.centre, Sample.participant(["gender": "w"]))
            #expect(isProblem(gender, .unprocessableContent))
            #expect(errorFields(gender) == ["gender"])
            #expect(errorMessages(gender, field: "gender") == ["must be one of: female, male, diverse, unspecified"])
            let availability = try await client.post("/v1/participants", token: server.centre, Sample.participant(["availability": ["night"]]))
            #expect(errorMessages(availability, field: "availability") == ["must be one of: morning, afternoon, evening"])
            let level = try await client.post("/v1/participants", token: server.centre, Sample.participant(["level": "A0"]))
            #expect(errorMessages(level, field: "level") == ["must be one of: none, A1, A2, B1, B2, C1, C2"])
            let language = try await client.post("/v1/participants", token: server.centre, Sample.participant(["preferredLanguage": "turkish"]))
            #expect(errorFields(language) == ["preferredLanguage"])
            #expect(errorMessages(language, field: "preferredLanguage").first?.contains("'turkish'") == true)
            #expect(try server.participantCount() == 0)
        }
    }

    @Test("a bad email, a women-only need for a man and missing fields are 422, every field named at once")
    func invalid() async throws {
        let server = try APITestServer()
        try await server.test { client in
            var body = Sample.man(["email": "m.alahmad(at)example.org", "needs": ["womenOnly": true]])
            body["name"] = nil
            body["lat"] = nil
            let answer = try await client.post("/v1/participants", token: server.centre, body)
            #expect(isProblem(answer, .unprocessableContent))
            #expect(Set(errorFields(answer)) == ["name", "email", "lat", "needs.womenOnly"])
            #expect((answer.json["detail"] as? String)?.contains("4") == true)
            #expect(try server.participantCount() == 0)
        }
    }

    @Test("a provider may not register participants (403); without a token 401; an administrator may")
    func roles() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let provider = try await client.post("/v1/participants", token: server.provider, Sample.participant())
            #expect(isProblem(provider, .forbidden))
            let anonymous = try await client.post("/v1/participants", token: nil, Sample.participant())
            #expect(isProblem(anonymous, .unauthorized))
            let unknown = try await client.post("/v1/participants", token: "wgw_0000", Sample.participant())
            #expect(isProblem(unknown, .unauthorized))
            #expect(try server.participantCount() == 0)
            _ = try await client.createParticipant(token: server.admin)
            #expect(try server.participantCount() == 1)
        }
    }

    // MARK: GET /v1/participants/{id}

    @Test("GET /v1/participants/{id}: the owning centre sees the participant with active bookings")
    func readOwn() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let other = try await client.createCourseId(token: server.provider, locationId: location, ["startTime": "14:00", "endTime": "17:00"])
            let first = try await client.createParticipant(token: server.centre, Sample.participant(["name": "Erste", "email": "erste@example.org"]))
            let person = try await client.createParticipant(token: server.centre)
            _ = try await client.bookedCourse(token: server.centre, participantId: first, courseId: course)
            let waiting = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)
            let confirmed = try await client.bookedCourse(token: server.centre, participantId: person, courseId: other)
            let answer = try await client.get("/v1/participants/\(person)", token: server.centre)
            #expect(answer.status == .ok)
            #expect(answer.json["id"] as? String == person)
            #expect(answer.json["name"] as? String == "Ayşe Yılmaz")
            let bookings = try #require(answer.json["bookings"] as? [[String: Any]])
            #expect(bookings.count == 2)
            let byId = Dictionary(uniqueKeysWithValues: bookings.map { ($0["id"] as? String ?? "", $0) })
            #expect(byId[waiting["id"] as? String ?? "?"]?["status"] as? String == "waitlisted")
            #expect(byId[waiting["id"] as? String ?? "?"]?["waitlistPosition"] as? Int == 1)
            #expect(byId[confirmed["id"] as? String ?? "?"]?["status"] as? String == "confirmed")
            #expect(byId[confirmed["id"] as? String ?? "?"]?["courseId"] as? String == other)
            // A cancelled booking is no longer listed.
            let cancelled = try await client.call(.delete, "/v1/bookings/\(confirmed["id"] as? String ?? "")", token: server.centre)
            #expect(cancelled.status == .ok)
            let after = try await client.get("/v1/participants/\(person)", token: server.centre)
            #expect((after.json["bookings"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [waiting["id"] as? String ?? "?"])
        }
    }

    @Test("another centre's participant is 404 (not 403) to read, erase, book or match; a provider gets 403")
    func otherCentre() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let person = try await client.createParticipant(token: server.centre)
            let read = try await client.get("/v1/participants/\(person)", token: server.otherCentre)
            #expect(isProblem(read, .notFound, "not-found"))
            #expect(!read.text.contains("Yılmaz"))
            let erase = try await client.call(.delete, "/v1/participants/\(person)", token: server.otherCentre)
            #expect(isProblem(erase, .notFound))
            let matches = try await client.get("/v1/participants/\(person)/matches", token: server.otherCentre)
            #expect(isProblem(matches, .notFound))
            let booking = try await client.book(token: server.otherCentre, participantId: person, courseId: course)
            #expect(isProblem(booking, .notFound))
            #expect(try await client.seats(of: course).confirmed == 0)
            let provider = try await client.get("/v1/participants/\(person)", token: server.provider)
            #expect(isProblem(provider, .forbidden))
            let anonymous = try await client.get("/v1/participants/\(person)")
            #expect(isProblem(anonymous, .unauthorized))
            let unknown = try await client.get("/v1/participants/par-unknown", token: server.centre)
            #expect(isProblem(unknown, .notFound))
            // Still there for its own centre and the administrator.
            #expect(try await client.get("/v1/participants/\(person)", token: server.centre).status == .ok)
            #expect(try await client.get("/v1/participants/\(person)", token: server.admin).status == .ok)
        }
    }

    // MARK: DELETE /v1/participants/{id}

    @Test("DELETE /v1/participants/{id}: 204, then GET is 404 and DELETE again 204; bookings cancelled, the waitlist moves up, no mail left")
    func erase() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let leaving = try await client.createParticipant(token: server.centre, Sample.participant(["name": "Leyla Kaya", "email": "leyla.kaya@example.org"]))
            let waiting = try await client.createParticipant(token: server.otherCentre, Sample.participant(["name": "Nadia Haddad", "email": "nadia@example.org"]))
            let seat = try #require(try await client.bookedCourse(token: server.centre, participantId: leaving, courseId: course)["id"] as? String)
            let line = try #require(try await client.bookedCourse(token: server.otherCentre, participantId: waiting, courseId: course)["id"] as? String)
            #expect(try await client.seats(of: course) == (1, 1, 1))

            let answer = try await client.call(.delete, "/v1/participants/\(leaving)", token: server.centre)
            #expect(answer.status == .noContent)
            #expect(answer.text.isEmpty)

            let read = try await client.get("/v1/participants/\(leaving)", token: server.centre)
            #expect(isProblem(read, .notFound))
            // Erasing again finishes what may be left (the log), and changes nothing else; for another centre the id is unknown.
            let again = try await client.call(.delete, "/v1/participants/\(leaving)", token: server.centre)
            #expect(again.status == .noContent)
            #expect(isProblem(try await client.call(.delete, "/v1/participants/\(leaving)", token: server.otherCentre), .notFound))
            #expect(try await server.server.database.participant(id: leaving) == nil, "personal data erased")
            let oldBooking = try await client.get("/v1/bookings/\(seat)", token: server.centre)
            #expect(isProblem(oldBooking, .notFound))
            #expect(try server.server.database.booking(id: seat)?.status.rawValue == "cancelled")

            // The next in line got the seat.
            #expect(try await client.seats(of: course) == (1, 1, 0))
            #expect(try await client.bookingStatus(line, token: server.otherCentre) == "confirmed")
            let roster = try await client.get("/v1/courses/\(course)/roster", token: server.provider)
            #expect((roster.json["confirmed"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Nadia Haddad"])
            #expect(!roster.text.contains("Leyla"))

            // No mail waits for the erased person, and the erasure itself mails them nothing.
            let mail = try #require(try await client.get("/v1/notifications", token: server.centre).json["notifications"] as? [[String: Any]])
            let theirs = mail.filter { $0["bookingId"] as? String == seat }
            #expect(!theirs.contains { $0["status"] as? String == "pending" })
            #expect(!theirs.contains { $0["kind"] as? String == "cancelled" })
            let promoted = try #require(try await client.get("/v1/notifications", token: server.otherCentre).json["notifications"] as? [[String: Any]])
            #expect(promoted.contains { $0["bookingId"] as? String == line && $0["kind"] as? String == "promoted" })
        }
    }

    @Test("a provider may not erase participants (403)")
    func eraseRole() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let person = try await client.createParticipant(token: server.centre)
            let answer = try await client.call(.delete, "/v1/participants/\(person)", token: server.provider)
            #expect(isProblem(answer, .forbidden))
            #expect(try await client.get("/v1/participants/\(person)", token: server.centre).status == .ok)
        }
    }

    // MARK: GET /v1/participants/{id}/matches

    @Test("matches list only eligible courses, best first, with score, distance and reasons")
    func courseMatches() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let hochfeld = try await client.createLocation(token: server.provider, [
                "name": "Internationales Zentrum", "district": "Hochfeld", "lat": 51.4180, "lon": 6.7610, "stepFree": true,
            ])
            let walsum = try await client.createLocation(token: server.provider, [
                "name": "Stadtteilbibliothek Walsum", "district": "Walsum", "lat": 51.5290, "lon": 6.7140,
            ])
            let near = try await client.createCourseId(token: server.provider, locationId: hochfeld, ["level": "A1"])
            let far = try await client.createCourseId(token: server.provider, locationId: walsum, ["level": "A2"])
            let tooHigh = try await client.createCourseId(token: server.provider, locationId: hochfeld, ["level": "B1"])
            let women = try await client.createCourseId(token: server.provider, locationId: hochfeld, ["kind": "women", "womenOnly": true, "level": "A1", "title": "Frauenkurs"])
            let person = try await client.createParticipant(token: server.centre, Sample.man())

            let answer = try await client.get("/v1/participants/\(person)/matches", token: server.centre)
            #expect(answer.status == .ok)
            let matches = try #require(answer.json["matches"] as? [[String: Any]])
            let ids = matches.compactMap { $0["courseId"] as? String }
            #expect(ids == [near, far], "only the eligible, nearest first")
            #expect(!ids.contains(tooHigh) && !ids.contains(women))
            let scores = matches.compactMap { $0["score"] as? Double }
            #expect(scores.count == 2 && scores[0] > scores[1])
            #expect(scores.allSatisfy { (0...100).contains($0) })
            let distances = matches.compactMap { $0["distanceKm"] as? Double }
            #expect(distances.count == 2 && distances[0] < 1 && distances[1] > 10)
            for match in matches {
                #expect(match["full"] as? Bool == false)
                let reasons = try #require(match["reasons"] as? [String])
                #expect(!reasons.isEmpty)
                #expect(match["slotId"] == nil)
            }
            #expect((matches[0]["reasons"] as? [String])?.contains { $0.contains("km entfernt") } == true)
            #expect((matches[0]["reasonCodes"] as? [String])?.contains("distance") == true)
            let english = try await client.get("/v1/participants/\(person)/matches?lang=en", token: server.centre)
            #expect(((english.json["matches"] as? [[String: Any]])?.first?["reasons"] as? [String])?.contains { $0.contains("km away") } == true)

            let one = try await client.get("/v1/participants/\(person)/matches?limit=1", token: server.centre)
            #expect((one.json["matches"] as? [[String: Any]])?.compactMap { $0["courseId"] as? String } == [near])
        }
    }

    @Test("a full course is still a match, marked full; a course overlapping a confirmed booking is not")
    func fullAndOverlap() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider, ["lat": 51.4180, "lon": 6.7610])
            let full = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1, "level": "A1"])
            let same = try await client.createCourseId(token: server.provider, locationId: location, ["level": "A2"])
            let evening = try await client.createCourseId(token: server.provider, locationId: location, [
                "level": "A2", "startTime": "18:00", "endTime": "20:30",
            ])
            let other = try await client.createParticipant(token: server.centre, Sample.man(["name": "Ahmad Karimi", "email": "ak@example.org"]))
            _ = try await client.bookedCourse(token: server.centre, participantId: other, courseId: full)
            let person = try await client.createParticipant(token: server.centre, Sample.man())
            let before = try await client.get("/v1/participants/\(person)/matches", token: server.centre)
            let listed = try #require(before.json["matches"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["courseId"] as? String }) == [full, same, evening])
            #expect(listed.first { $0["courseId"] as? String == full }?["full"] as? Bool == true)

            _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: same)
            let after = try await client.get("/v1/participants/\(person)/matches", token: server.centre)
            let ids = (after.json["matches"] as? [[String: Any]])?.compactMap { $0["courseId"] as? String } ?? []
            #expect(ids == [evening], "the morning courses clash with the confirmed one: \(after.text)")
        }
    }

    @Test("?type=slot lists slots sharing a language and open to the participant, in their first language first")
    func slotMatches() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre, ["lat": 51.4180, "lon": 6.7610])
            let arabic = try await client.createSlot(token: server.centre, locationId: location, ["languages": ["ar", "de"]])
            let english = try await client.createSlot(token: server.centre, locationId: location, ["languages": ["en"]])
            let turkish = try await client.createSlot(token: server.centre, locationId: location, ["languages": ["tr", "de"]])
            let womenOnly = try await client.createSlot(token: server.centre, locationId: location, ["languages": ["ar"], "womenOnly": true])
            let person = try await client.createParticipant(token: server.centre, Sample.man())
            let answer = try await client.get("/v1/participants/\(person)/matches?type=slot", token: server.centre)
            #expect(answer.status == .ok)
            let matches = try #require(answer.json["matches"] as? [[String: Any]])
            #expect(matches.compactMap { $0["slotId"] as? String } == [arabic, english])
            #expect(!matches.contains { [turkish, womenOnly].contains($0["slotId"] as? String) })
            #expect(matches.allSatisfy { $0["courseId"] == nil })
            #expect((matches[0]["reasonCodes"] as? [String])?.contains("first-language") == true)
            #expect((matches[1]["reasonCodes"] as? [String])?.contains("shared-language") == true)

            // A taken slot is no match.
            let other = try await client.createParticipant(token: server.centre, Sample.man(["name": "Omar", "email": "omar@example.org"]))
            #expect(try await client.book(token: server.centre, participantId: other, slotId: arabic).status == .created)
            let after = try await client.get("/v1/participants/\(person)/matches?type=slot", token: server.centre)
            #expect((after.json["matches"] as? [[String: Any]])?.compactMap { $0["slotId"] as? String } == [english])
        }
    }

    @Test("matches with an unknown type or a bad limit are 422 naming the field; a provider gets 403")
    func matchesInvalid() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let person = try await client.createParticipant(token: server.centre)
            let type = try await client.get("/v1/participants/\(person)/matches?type=workshop", token: server.centre)
            #expect(isProblem(type, .unprocessableContent))
            #expect(errorFields(type) == ["type"])
            #expect(errorMessages(type, field: "type") == ["must be one of: course, slot"])
            let limit = try await client.get("/v1/participants/\(person)/matches?limit=-1", token: server.centre)
            #expect(errorFields(limit) == ["limit"])
            let provider = try await client.get("/v1/participants/\(person)/matches", token: server.provider)
            #expect(isProblem(provider, .forbidden))
            let unknown = try await client.get("/v1/participants/par-unknown/matches", token: server.centre)
            #expect(isProblem(unknown, .notFound))
        }
    }
}
