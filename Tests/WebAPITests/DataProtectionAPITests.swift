import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import SchedulingCore
import Store
import Testing
import TestSupport
@testable import WebAPI
import WegweiserApp

@Suite("Data protection: consent record, rounded positions, audit trail, retention")
struct DataProtectionAPITests {
    @Test("consent is recorded with its wording's version, its language and who took it; unknown ones are 422")
    func consentRecord() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let wrong = try await client.post("/v1/participants", token: server.centre, Sample.participant(["consentWording": "1999-01"]))
            #expect(isProblem(wrong, .unprocessableContent, "validation-failed"))
            #expect(errorFields(wrong) == ["consentWording"])
            let language = try await client.post("/v1/participants", token: server.centre, Sample.participant(["consentLanguage": "klingon"]))
            #expect(errorFields(language) == ["consentLanguage"])
            #expect(try server.participantCount() == 0, "a refused registration stores nothing")

            let created = try await client.post(
                "/v1/participants", token: server.centre, Sample.participant(["consentLanguage": "de", "consentWording": ConsentWording.current]))
            #expect(created.status == .created)
            let id = try #require(created.json["id"] as? String)
            let read = try await client.get("/v1/participants/\(id)", token: server.centre)
            let consent = try #require(read.json["consent"] as? [String: Any])
            #expect(consent["language"] as? String == "de", "given in German, though her mail comes in Turkish")
            #expect(consent["wordingVersion"] as? String == ConsentWording.current)
            #expect(consent["recordedBy"] as? String == server.centreId)
            #expect(consent["givenAt"] as? String == "2027-01-11T09:00:00+01:00", "the server's time, not the client's")
            // Which of the centre's tokens recorded it: every token has an id, listed by name.
            let tokens = try await client.get("/v1/tokens", token: server.centre).json["tokens"] as? [[String: Any]]
            #expect(consent["recordedByPerson"] as? String == tokens?.first?["id"] as? String && tokens?.count == 1)
        }
    }

    @Test("a home position is kept to about 100 m unless the centre marks it exact")
    func roundedPosition() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let rounded = try await client.post("/v1/participants", token: server.centre, Sample.participant(["lat": 51.501234, "lon": 6.779876]))
            #expect(rounded.json["lat"] as? Double == 51.501)
            #expect(rounded.json["lon"] as? Double == 6.780)
            #expect(rounded.json["exactLocation"] as? Bool == false)
            let exact = try await client.post(
                "/v1/participants", token: server.centre, Sample.participant(["lat": 51.501234, "lon": 6.779876, "exactLocation": true]))
            #expect(exact.json["lat"] as? Double == 51.501234)
            #expect(exact.json["exactLocation"] as? Bool == true)
            // What is stored, not only what is answered.
            let stored = try await server.server.database.read { db in
                try Row.fetchAll(db, sql: "SELECT lat, lon, exactLocation FROM participant ORDER BY id").map { [$0[0] as Double, $0[1] as Double] }
            }
            #expect(stored == [[51.501, 6.78], [51.501234, 6.779876]])
        }
    }

    @Test("every read and change of a participant is audited with who, what and whom, never the data; only administrators read it")
    func auditTrail() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.post("/v1/locations", token: server.provider, Sample.location())
            let course = try await client.post(
                "/v1/courses", token: server.provider, Sample.course(locationId: try #require(location.json["id"] as? String)))
            let courseId = try #require(course.json["id"] as? String)
            let created = try await client.post("/v1/participants", token: server.centre, Sample.participant())
            let id = try #require(created.json["id"] as? String)
            _ = try await client.get("/v1/participants/\(id)", token: server.centre)
            let booked = try await client.post("/v1/bookings", token: server.centre, ["participantId": id, "courseId": courseId])
            #expect(booked.status == .created)
            _ = try await client.get("/v1/courses/\(courseId)/roster", token: server.provider)
            // Refused: another centre (404 is no refusal of access), a provider on the audit, an unknown token.
            #expect(try await client.get("/v1/audit", token: server.centre).status == .forbidden)
            #expect(try await client.get("/v1/participants/\(id)", token: "wgw_unknown").status == .unauthorized)

            let mine = try await client.get("/v1/audit?participantId=\(id)", token: server.admin)
            #expect(mine.status == .ok)
            let entries = try #require(mine.json["entries"] as? [[String: Any]])
            // Reading the trail about her is itself in it, as the last entry.
            #expect(entries.map { $0["action"] as? String } == ["participant.created", "participant.read", "booking.created", "roster.read", "audit.read"])
            #expect(entries.prefix(4).map { $0["organisationId"] as? String } == [server.centreId, server.centreId, server.centreId, server.providerId])
            #expect(entries.allSatisfy { $0["address"] as? String == "local" && $0["at"] as? String == "2027-01-11T09:00:00+01:00" })
            #expect(entries[3]["subject"] as? String == courseId)

            let refused = try await client.get("/v1/audit?action=request.forbidden", token: server.admin)
            let forbidden = try #require(refused.json["entries"] as? [[String: Any]])
            #expect(forbidden.map { $0["organisationId"] as? String } == [server.centreId])
            #expect(forbidden.first?["subject"] as? String == "GET /v1/audit")
            let unknown = try await client.get("/v1/audit?action=request.unauthorized", token: server.admin)
            #expect((unknown.json["entries"] as? [[String: Any]])?.count == 1)

            let byProvider = try await client.get("/v1/audit?organisationId=\(server.providerId)", token: server.admin)
            #expect((byProvider.json["entries"] as? [[String: Any]])?.compactMap { $0["action"] as? String }.contains("roster.read") == true)
            let later = try await client.get("/v1/audit?from=2027-01-12T00:00:00%2B01:00", token: server.admin)
            #expect((later.json["entries"] as? [[String: Any]])?.isEmpty == true)
            let paged = try await client.get("/v1/audit?limit=2", token: server.admin)
            #expect((paged.json["entries"] as? [[String: Any]])?.count == 2)
            let cursor = try #require(paged.json["nextCursor"] as? String)
            let next = try await client.get("/v1/audit?limit=2&cursor=\(cursor)", token: server.admin)
            #expect(((next.json["entries"] as? [[String: Any]])?.first?["id"] as? Int ?? 0) > 2)
            #expect(errorFields(try await client.get("/v1/audit?action=looked", token: server.admin)) == ["action"])
            #expect(errorFields(try await client.get("/v1/audit?from=yesterday", token: server.admin)) == ["from"])

            // The trail names people by id only.
            let text = try await server.server.database.read { db in
                try String.fetchAll(db, sql: "SELECT coalesce(organisationId, '') || action || coalesce(participantId, '') || coalesce(subject, '') || address FROM audit")
            }.joined()
            #expect(!text.contains("Ayşe") && !text.contains("ayse.yilmaz"))
        }
    }

    @Test("the retention period erases whoever has no active booking and no change for its months, and nobody else")
    func retentionPeriod() async throws {
        let clock = TestClock()
        let server = try APITestServer(clock: clock.now)
        try await server.test { client in
            let location = try await client.post("/v1/locations", token: server.provider, Sample.location())
            let course = try await client.post(
                "/v1/courses", token: server.provider, Sample.course(locationId: try #require(location.json["id"] as? String)))
            let courseId = try #require(course.json["id"] as? String)
            func register(_ name: String) async throws -> String {
                let answer = try await client.post("/v1/participants", token: server.centre, Sample.participant(["name": name]))
                return try #require(answer.json["id"] as? String)
            }
            let idle = try await register("Idle Person")
            let booked = try await register("Booked Person")
            let cancelled = try await register("Cancelled Person")
            var headers = HTTPFields()
            headers[HTTPField.Name("Idempotency-Key")!] = "retry-1"
            #expect(try await client.post("/v1/bookings", token: server.centre, ["participantId": booked, "courseId": courseId], headers: headers).status == .created)
            let toCancel = try await client.post("/v1/bookings", token: server.centre, ["participantId": cancelled, "courseId": courseId])
            let cancelledId = try #require(toCancel.json["id"] as? String)

            clock.advance(seconds: 12 * 2_629_800)
            #expect(try await client.call(.delete, "/v1/bookings/\(cancelledId)", token: server.centre).status == .ok)
            // A refused request with a key is not remembered: the key may be used again.
            var refusedHeaders = HTTPFields()
            refusedHeaders[HTTPField.Name("Idempotency-Key")!] = "refused-1"
            #expect(try await client.post("/v1/bookings", token: server.centre, ["participantId": "par_nobody", "courseId": courseId], headers: refusedHeaders).status != .created)
            let storedKeys = try await server.server.database.read { db in try String.fetchAll(db, sql: "SELECT key FROM idempotencyKey") }
            #expect(storedKeys == ["retry-1"])

            clock.advance(seconds: 12 * 2_629_800 + 86_400)
            // Two years after registration: idle is past the period; cancelled changed a year ago; booked holds a seat.
            let plan = try await server.server.retention.plan()
            #expect(plan.participants == 1)
            #expect(plan.idempotencyAnswers == 1)
            let report = try await server.server.retention.run()
            #expect(report.participants == 1 && report.idempotencyAnswers == 1)
            #expect(try await client.get("/v1/participants/\(idle)", token: server.centre).status == .notFound)
            #expect(try await client.get("/v1/participants/\(booked)", token: server.centre).status == .ok)
            #expect(try await client.get("/v1/participants/\(cancelled)", token: server.centre).status == .ok)
            let left = try await server.server.database.read { db in
                (try String.fetchAll(db, sql: "SELECT key FROM idempotencyKey"),
                 try String.fetchOne(db, sql: "SELECT name FROM participant WHERE id = ?", arguments: [idle]))
            }
            #expect(left.0.isEmpty, "idempotency answers expire after 48 hours")
            #expect(left.1 == "")
            // The engine forgot the key too: with another request it is no longer a reuse (the course is over by now,
            // so the request itself is refused, for that reason).
            let again = try await client.post("/v1/bookings", token: server.centre, ["participantId": cancelled, "courseId": courseId], headers: headers)
            #expect(!isProblem(again, .conflict, "idempotency-key-reused"), "\(again.json)")
            let audit = try await client.get("/v1/audit?participantId=\(idle)&action=participant.erased", token: server.admin)
            let entry = try #require((audit.json["entries"] as? [[String: Any]])?.first)
            #expect(entry["person"] as? String == "system:retention")
            #expect(entry["organisationId"] is NSNull)
            #expect(try await server.server.retention.plan() == RetentionReport())

            // A year on, the course she holds a seat in has been over for the whole period: nothing
            // is going on for her any more, and she goes too.
            clock.advance(seconds: 12 * 2_629_800)
            _ = try await server.server.retention.run()
            #expect(try await client.get("/v1/participants/\(booked)", token: server.centre).status == .notFound)
        }
    }

    @Test("a refused personal link is logged without its token, which would act on the booking")
    func personalLinkTokensAreNotKept() {
        #expect(AccessAuditMiddleware.loggable("/b/AbC123xyz/cancel") == "/b/…/cancel")
        #expect(AccessAuditMiddleware.loggable("/b/AbC123xyz") == "/b/…")
        #expect(AccessAuditMiddleware.loggable("/v1/participants/par_1") == "/v1/participants/par_1")
    }
}
