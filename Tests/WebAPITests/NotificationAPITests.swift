import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("GET /v1/notifications")
struct NotificationAPITests {
    func notifications(_ client: some TestClientProtocol, token: String, _ query: String = "") async throws -> [[String: Any]] {
        let answer = try await client.get("/v1/notifications" + query, token: token)
        try #require(answer.status == .ok, "\(answer.text)")
        return try #require(answer.json["notifications"] as? [[String: Any]])
    }

    @Test("a centre sees one mail per booking change of its own participants, and no other centre's")
    func ownRowsOnly() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let mine = try await client.createParticipant(token: server.centre)
            let theirs = try await client.createParticipant(token: server.otherCentre, Sample.participant(["name": "Elif Şahin", "email": "elif@example.org"]))
            let seat = try #require(try await client.bookedCourse(token: server.centre, participantId: mine, courseId: course)["id"] as? String)
            let line = try #require(try await client.bookedCourse(token: server.otherCentre, participantId: theirs, courseId: course)["id"] as? String)

            let own = try await notifications(client, token: server.centre)
            #expect(own.count == 1)
            let row = try #require(own.first)
            #expect(row["bookingId"] as? String == seat)
            #expect(row["kind"] as? String == "confirmed")
            #expect(["pending", "sent"].contains(row["status"] as? String))
            #expect(row["id"] is String)
            #expect(row["attempts"] is Int)
            #expect(row["lastError"] is NSNull, "present as null while no attempt failed")
            #expect(!own.contains { $0["bookingId"] as? String == line })

            let other = try await notifications(client, token: server.otherCentre)
            #expect(other.compactMap { $0["bookingId"] as? String } == [line])
            #expect(other.first?["kind"] as? String == "waitlisted")

            // Cancelling mails the cancellation to mine and the promotion to theirs.
            _ = try await client.call(.delete, "/v1/bookings/\(seat)", token: server.centre)
            #expect(try await notifications(client, token: server.centre).compactMap { $0["kind"] as? String } == ["confirmed", "cancelled"])
            #expect(try await notifications(client, token: server.otherCentre).compactMap { $0["kind"] as? String } == ["waitlisted", "promoted"])
            let all = try await notifications(client, token: server.admin)
            #expect(all.count == 4)
        }
    }

    @Test("?status= filters by delivery state; after the notifier ran every mail is sent")
    func statusFilter() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 2])
            for person in try await registerPeople(client, token: server.centre, count: 3) {
                _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)
            }
            // The notifier may already be at work, so counts may shift between calls; each filter
            // still answers rows of its own status only.
            let all = try await notifications(client, token: server.centre)
            #expect(all.count == 3)
            #expect(all.allSatisfy { ["pending", "sent"].contains($0["status"] as? String) })
            for status in ["pending", "sent", "failed", "dropped"] {
                let rows = try await notifications(client, token: server.centre, "?status=\(status)")
                #expect(rows.allSatisfy { $0["status"] as? String == status })
            }

            _ = await server.server.notifier.drain()
            let sent = try await notifications(client, token: server.centre, "?status=sent")
            #expect(sent.count == 3)
            #expect(sent.allSatisfy { $0["attempts"] as? Int == 1 && $0["sentAt"] is String })
            #expect(try await notifications(client, token: server.centre, "?status=pending").isEmpty)
            #expect(try await notifications(client, token: server.centre, "?status=failed").isEmpty)
            #expect(try await notifications(client, token: server.otherCentre, "?status=sent").isEmpty)
        }
    }

    @Test("an unknown status is 422 naming the field and its values")
    func unknownStatus() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer = try await client.get("/v1/notifications?status=delivered", token: server.centre)
            #expect(isProblem(answer, .unprocessableContent))
            #expect(errorFields(answer) == ["status"])
            let message = try #require(errorMessages(answer, field: "status").first)
            for value in ["pending", "sent", "failed"] { #expect(message.contains(value)) }
        }
    }

    @Test("?limit= pages through the outbox with nextCursor")
    func paging() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            for person in try await registerPeople(client, token: server.centre, count: 3) {
                _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)
            }
            let first = try await client.get("/v1/notifications?limit=2", token: server.centre)
            let firstRows = try #require(first.json["notifications"] as? [[String: Any]])
            #expect(firstRows.count == 2)
            let cursor = try #require(first.json["nextCursor"] as? String)
            let second = try await client.get("/v1/notifications?limit=2&cursor=\(cursor)", token: server.centre)
            let secondRows = try #require(second.json["notifications"] as? [[String: Any]])
            #expect(secondRows.count == 1)
            #expect(second.json["nextCursor"] as? String == nil)
            let ids = (firstRows + secondRows).compactMap { $0["id"] as? String }
            #expect(Set(ids).count == 3)
        }
    }

    @Test("providers may not read the outbox (403); without a token 401")
    func roles() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let provider = try await client.get("/v1/notifications", token: server.provider)
            #expect(isProblem(provider, .forbidden))
            let anonymous = try await client.get("/v1/notifications")
            #expect(isProblem(anonymous, .unauthorized))
            #expect(try await notifications(client, token: server.admin).isEmpty)
        }
    }
}
