import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A full morning course with one confirmed and `waiting` waitlisted participants of the centre,
/// and an afternoon course with `freeSeats` free seats they are all eligible for.
struct WaitlistScene {
    let full: String, free: String
    let confirmed: String
    let waiting: [String]

    init(_ client: some TestClientProtocol, _ server: APITestServer, waiting count: Int = 2, freeSeats: Int = 2) async throws {
        let location = try await client.createLocation(token: server.provider)
        full = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1, "title": "A1 vormittags"])
        free = try await client.createCourseId(token: server.provider, locationId: location, [
            "capacity": freeSeats, "title": "A1 nachmittags", "startTime": "14:00", "endTime": "17:15",
        ])
        let people = try await registerPeople(client, token: server.centre, count: count + 1)
        confirmed = people[0]
        waiting = Array(people.dropFirst())
        for person in people { _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: full) }
    }
}

@Suite("POST /v1/allocations")
struct AllocationAPITests {
    @Test("dryRun true proposes placements and books nothing")
    func dryRun() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let scene = try await WaitlistScene(client, server)
            #expect(try await client.seats(of: scene.full) == (1, 1, 2))
            let answer = try await client.post("/v1/allocations", token: server.centre, ["dryRun": true])
            #expect(answer.status == .ok)
            #expect(answer.json["assigned"] as? Int == 2)
            #expect(answer.json["unassigned"] as? Int == 0)
            #expect(answer.json["dryRun"] as? Bool == true)
            #expect(answer.json["cost"] is Int)
            #expect(answer.json["solveMs"] is Double || answer.json["solveMs"] is Int)
            #expect((answer.json["bookings"] as? [Any])?.isEmpty == true)
            let placements = try #require(answer.json["placements"] as? [[String: Any]])
            #expect(Set(placements.compactMap { $0["participantId"] as? String }) == Set(scene.waiting))
            #expect(placements.allSatisfy { $0["courseId"] as? String == scene.free })
            // Nothing changed.
            #expect(try await client.seats(of: scene.full) == (1, 1, 2))
            #expect(try await client.seats(of: scene.free) == (2, 0, 0))
        }
    }

    @Test("a real run places waitlisted participants into free seats and withdraws their waiting bookings")
    func realRun() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let scene = try await WaitlistScene(client, server)
            let answer = try await client.post("/v1/allocations", token: server.centre, ["dryRun": false])
            #expect(answer.status == .ok)
            #expect(answer.json["assigned"] as? Int == 2)
            #expect(answer.json["unassigned"] as? Int == 0)
            let bookings = try #require(answer.json["bookings"] as? [[String: Any]])
            #expect(bookings.count == 2)
            #expect(bookings.allSatisfy { $0["status"] as? String == "confirmed" && $0["courseId"] as? String == scene.free })
            #expect(Set(bookings.compactMap { $0["participantId"] as? String }) == Set(scene.waiting))
            #expect(try await client.seats(of: scene.free) == (2, 2, 0))
            #expect(try await client.seats(of: scene.full) == (1, 1, 0))
            for person in scene.waiting {
                let read = try await client.get("/v1/participants/\(person)", token: server.centre)
                let held = try #require(read.json["bookings"] as? [[String: Any]])
                #expect(held.count == 1)
                #expect(held.first?["courseId"] as? String == scene.free)
                #expect(held.first?["status"] as? String == "confirmed")
            }
            for booking in bookings {
                #expect(try await client.bookingStatus(booking["id"] as? String ?? "", token: server.centre) == "confirmed")
            }
            // Nobody waits any more: a second run places no one.
            let again = try await client.post("/v1/allocations", token: server.centre, [:])
            #expect(again.status == .ok)
            #expect(again.json["assigned"] as? Int == 0)
            #expect(try await client.seats(of: scene.free) == (2, 2, 0))
        }
    }

    @Test("fewer free seats than people waiting: the seats are filled and the rest counted unassigned")
    func moreWaitingThanSeats() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let scene = try await WaitlistScene(client, server, waiting: 3, freeSeats: 2)
            let answer = try await client.post("/v1/allocations", token: server.centre, ["dryRun": false])
            #expect(answer.json["assigned"] as? Int == 2)
            #expect(answer.json["unassigned"] as? Int == 1)
            #expect(try await client.seats(of: scene.free) == (2, 2, 0))
            #expect(try await client.seats(of: scene.full) == (1, 1, 1))
        }
    }

    @Test("only eligible placements: a man waiting is not placed in a women-only course")
    func eligibleOnly() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let full = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let women = try await client.createCourseId(token: server.provider, locationId: location, [
                "kind": "women", "womenOnly": true, "capacity": 5, "startTime": "14:00", "endTime": "17:00",
            ])
            let first = try await client.createParticipant(token: server.centre, Sample.participant(["name": "Erste", "email": "e@example.org"]))
            let man = try await client.createParticipant(token: server.centre, Sample.man())
            let woman = try await client.createParticipant(token: server.centre)
            for person in [first, man, woman] { _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: full) }
            let answer = try await client.post("/v1/allocations", token: server.centre, ["dryRun": false])
            #expect(answer.json["assigned"] as? Int == 1)
            #expect(answer.json["unassigned"] as? Int == 1)
            let placed = (answer.json["bookings"] as? [[String: Any]])?.compactMap { $0["participantId"] as? String }
            #expect(placed == [woman])
            #expect(try await client.seats(of: women) == (5, 1, 0))
            #expect(try await client.seats(of: full) == (1, 1, 1))
        }
    }

    @Test("courseIds limits which courses are filled")
    func courseIds() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let scene = try await WaitlistScene(client, server)
            let location = try await client.createLocation(token: server.provider, ["district": "Rheinhausen"])
            let evening = try await client.createCourseId(token: server.provider, locationId: location, [
                "capacity": 5, "startTime": "18:00", "endTime": "20:30",
            ])
            let answer = try await client.post("/v1/allocations", token: server.centre, ["courseIds": [evening]])
            #expect(answer.json["assigned"] as? Int == 2)
            let courses = (answer.json["bookings"] as? [[String: Any]])?.compactMap { $0["courseId"] as? String }
            #expect(courses == [evening, evening])
            #expect(try await client.seats(of: scene.free) == (2, 0, 0))
            #expect(try await client.seats(of: evening) == (5, 2, 0))
        }
    }

    @Test("a centre places only its own waiting participants; the administrator places everyone's")
    func ownParticipantsOnly() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let scene = try await WaitlistScene(client, server)
            let other = try await client.post("/v1/allocations", token: server.otherCentre, ["dryRun": false])
            #expect(other.status == .ok)
            #expect(other.json["assigned"] as? Int == 0)
            #expect(try await client.seats(of: scene.full) == (1, 1, 2))
            let admin = try await client.post("/v1/allocations", token: server.admin, ["dryRun": false])
            #expect(admin.json["assigned"] as? Int == 2)
            #expect(try await client.seats(of: scene.free) == (2, 2, 0))
        }
    }

    @Test("a provider may not allocate (403), no token 401; empty or unknown courseIds are 422, a wrong type 400")
    func invalid() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let scene = try await WaitlistScene(client, server)
            let provider = try await client.post("/v1/allocations", token: server.provider, [:])
            #expect(isProblem(provider, .forbidden))
            let anonymous = try await client.post("/v1/allocations", token: nil, [:])
            #expect(isProblem(anonymous, .unauthorized))
            let empty = try await client.post("/v1/allocations", token: server.centre, ["courseIds": [String]()])
            #expect(isProblem(empty, .unprocessableContent))
            #expect(errorFields(empty) == ["courseIds"])
            let unknown = try await client.post("/v1/allocations", token: server.centre, ["courseIds": [scene.free, "crs-unknown"]])
            #expect(errorFields(unknown) == ["courseIds"])
            #expect(errorMessages(unknown, field: "courseIds").first?.contains("crs-unknown") == true)
            let wrongType = try await client.post("/v1/allocations", token: server.centre, ["dryRun": "no"])
            #expect(isProblem(wrongType, .badRequest))
            #expect(errorFields(wrongType) == ["dryRun"])
            #expect(try await client.seats(of: scene.free) == (2, 0, 0))
            #expect(try await client.seats(of: scene.full) == (1, 1, 2))
        }
    }
}
