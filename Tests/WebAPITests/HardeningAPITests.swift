import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SchedulingCore
import TestSupport
import Testing
import WebAPI
import WegweiserApp

/// Integration tokens with names and expiry, limits on what anyone without credentials may ask,
/// one dry run at a time, and text stored in one Unicode form: through the real router.
@Suite struct TokenAPITests {
    @Test func aTokenIsShownOnceListedByNameAndFailsOnTheNextRequestAfterItIsRevoked() async throws {
        let fixture = try APITestServer()
        try await fixture.test { client in
            let made = try await client.post("/v1/tokens", token: fixture.centre, ["name": "Fachverfahren", "expiresAt": "2027-06-30T00:00:00+02:00"])
            #expect(made.status == .created)
            let token = try #require(made.json["token"] as? String)
            let id = try #require(made.json["id"] as? String)
            #expect(made.json["expiresAt"] as? String == "2027-06-30T00:00:00+02:00" && made.json["expired"] as? Bool == false)
            #expect(try await client.get("/v1/organisations/me", token: token).status == .ok)

            let listed = try await client.get("/v1/tokens", token: fixture.centre)
            let tokens = try #require(listed.json["tokens"] as? [[String: Any]])
            #expect(tokens.count == 2 && tokens.contains { $0["id"] as? String == id && $0["name"] as? String == "Fachverfahren" })
            #expect(!listed.text.contains(token) && !listed.text.contains("\"token\""), "a token is shown once only")
            #expect(tokens.contains { $0["name"] as? String == "integration" && $0["expiresAt"] == nil }, "the first token, valid until revoked")

            // Another centre neither sees nor revokes it.
            #expect(try await client.get("/v1/tokens", token: fixture.otherCentre).json["tokens"].map { "\($0)" }?.contains(id) == false)
            #expect(try await client.call(.delete, "/v1/tokens/\(id)", token: fixture.otherCentre).status == .notFound)
            #expect(try await client.get("/v1/organisations/me", token: token).status == .ok)

            // Revoked on a running server: the very next request fails (the token cache forgets it).
            #expect(try await client.call(.delete, "/v1/tokens/\(id)", token: fixture.centre).status == .noContent)
            let refused = try await client.get("/v1/organisations/me", token: token)
            #expect(refused.status == .unauthorized && refused.text.contains("unknown, revoked or expired"))
            #expect(try await client.call(.delete, "/v1/tokens/\(id)", token: fixture.centre).status == .notFound)
        }
    }

    @Test func anExpiredTokenFailsOnItsFirstRequestAfterItsExpiry() async throws {
        let clock = TestClock()
        let fixture = try APITestServer(clock: clock.now)
        try await fixture.test { client in
            let expiry = Timestamp(secondsSinceEpoch: APITestServer.now.secondsSinceEpoch + 3600)
            let made = try await client.post("/v1/tokens", token: fixture.provider, ["name": "Kursimport", "expiresAt": CivilZone.europeBerlin.rfc3339(expiry)])
            let token = try #require(made.json["token"] as? String)
            #expect(try await client.get("/v1/organisations/me", token: token).status == .ok)  // now cached
            clock.advance(seconds: 3599)
            #expect(try await client.get("/v1/organisations/me", token: token).status == .ok)
            clock.advance(seconds: 1)
            #expect(try await client.get("/v1/organisations/me", token: token).status == .unauthorized)
            let listed = try await client.get("/v1/tokens", token: fixture.provider).json["tokens"] as? [[String: Any]]
            #expect(listed?.first { $0["name"] as? String == "Kursimport" }?["expired"] as? Bool == true)
        }
    }

    @Test func aTokenCannotMakeATokenThatOutlivesIt() async throws {
        let fixture = try APITestServer()
        try await fixture.test { client in
            let short = try await client.post("/v1/tokens", token: fixture.centre, ["name": "kurz", "expiresAt": "2027-01-12T09:00:00+01:00"])
            let token = try #require(short.json["token"] as? String)
            let longer = try await client.post("/v1/tokens", token: token, ["name": "länger", "expiresAt": "2027-06-30T00:00:00+02:00"])
            #expect(longer.status == .unprocessableContent && longer.text.contains("must not be later than the expiry of the token that asks"))
            let within = try await client.post("/v1/tokens", token: token, ["name": "gleich", "expiresAt": "2027-01-12T09:00:00+01:00"])
            #expect(within.status == .created)
        }
    }

    @Test func aNewTokenNeedsANameAndAnExpiryWithinTwoYears() async throws {
        let fixture = try APITestServer()
        try await fixture.test { client in
            let before = try await client.get("/v1/tokens", token: fixture.centre).json["tokens"] as? [[String: Any]]
            for (body, field, rule) in [
                (["name": "x"], "expiresAt", "is required"),
                (["name": "x", "expiresAt": "2026-01-01T00:00:00Z"], "expiresAt", "must be in the future"),
                (["name": "x", "expiresAt": "2030-01-01T00:00:00Z"], "expiresAt", "must be at most two years from now"),
                (["name": "x", "expiresAt": "next week"], "expiresAt", "must be an RFC 3339 time"),
                (["name": "  ", "expiresAt": "2027-06-30T00:00:00Z"], "name", "must not be empty"),
                (["name": "a\u{202E}b", "expiresAt": "2027-06-30T00:00:00Z"], "name", "must not contain bidirectional control characters"),
            ] as [([String: String], String, String)] {
                let answer = try await client.post("/v1/tokens", token: fixture.centre, body)
                let errors = answer.json["errors"] as? [[String: String]] ?? []
                #expect(answer.status == .unprocessableContent && errors.contains { $0["field"] == field && $0["message"]?.contains(rule) == true },
                        "\(body): \(answer.text)")
            }
            #expect(try await client.post("/v1/tokens", token: nil, ["name": "x", "expiresAt": "2027-06-30T00:00:00Z"]).status == .unauthorized)
            let after = try await client.get("/v1/tokens", token: fixture.centre).json["tokens"] as? [[String: Any]]
            #expect(after?.count == before?.count, "nothing was made")
        }
    }
}

@Suite struct AnonymousLimitTests {
    @Test func anAddressWithoutCredentialsGets429AfterItsShareAndCredentialsAreNotCounted() async throws {
        let fixture = try APITestServer(configure: { $0.anonymousRequestsPerMinute = 5 })
        try await fixture.test { client in
            for _ in 0..<5 { #expect(try await client.get("/v1/courses").status == .ok) }
            let refused = try await client.get("/v1/courses")
            #expect(refused.status == .tooManyRequests && refused.headers[.contentType] == "application/problem+json")
            #expect(refused.headers[.retryAfter].flatMap { Int($0) }.map { (1...60).contains($0) } == true)
            // A made-up token counts as none; a valid one is not limited here.
            #expect(try await client.get("/v1/courses", token: "wgw_made-up").status == .tooManyRequests)
            for _ in 0..<10 { #expect(try await client.get("/v1/courses", token: fixture.centre).status == .ok) }
            // The operator's health checks are not the public's share.
            #expect(try await client.get("/health").status == .ok)
        }
    }

    @Test func behindAProxyOnThisMachineEachForwardedClientHasItsOwnShareAndItsAddressIsAudited() async throws {
        let fixture = try APITestServer(configure: { $0.anonymousRequestsPerMinute = 2 })
        try await fixture.test { client in
            func courses(from address: String) async throws -> HTTPResponse.Status {
                try await client.call(.get, "/v1/courses", headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9, \(address)"]).status
            }
            #expect(try await courses(from: "198.51.100.7") == .ok)
            #expect(try await courses(from: "198.51.100.7") == .ok)
            #expect(try await courses(from: "198.51.100.7") == .tooManyRequests)
            #expect(try await courses(from: "198.51.100.8") == .ok, "another client behind the same proxy")
            // The proxy appends what it saw last; what the client put first does not count.
            #expect(try await courses(from: "2001:db8:1:2::5") == .ok)
            #expect(try await courses(from: "2001:db8:1:2::6") == .ok)
            #expect(try await courses(from: "2001:db8:1:2::7") == .tooManyRequests, "an IPv6 client counts by its /64")
            // Something that is no address is ignored: counted as the proxy itself.
            #expect(try await courses(from: "not-an-address") == .ok)

            let refused = try await client.call(
                .get, "/v1/organisations/me", token: "wgw_made-up", headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.42"])
            #expect(refused.status == .unauthorized)
            await fixture.server.services.audit.flush()
            let address = try await fixture.server.database.read { db in
                try String.fetchOne(db, sql: "SELECT address FROM audit WHERE action = 'request.unauthorized' ORDER BY id DESC LIMIT 1")
            }
            #expect(address == "198.51.100.42")
        }
    }

    @Test func oneAllocationDryRunAtATimePerOrganisation() async throws {
        let fixture = try APITestServer()
        try await fixture.test { client in
            // A dry run of AWO under way (held here, as a slow solve would hold it).
            #expect(fixture.server.services.dryRuns.claim(fixture.centreId))
            let second = try await client.post("/v1/allocations", token: fixture.centre, ["dryRun": true])
            #expect(second.status == .tooManyRequests && second.headers[.retryAfter] == "5")
            // Another centre's dry run is not held up by it.
            #expect(try await client.post("/v1/allocations", token: fixture.otherCentre, ["dryRun": true]).status == .ok)
            fixture.server.services.dryRuns.release(fixture.centreId)
            #expect(try await client.post("/v1/allocations", token: fixture.centre, ["dryRun": true]).status == .ok)
            #expect(fixture.server.services.dryRuns.claim(fixture.centreId), "a finished dry run lets go")
        }
    }
}

@Suite struct UnicodeFormTests {
    @Test func anAccentAfterAnEscapeJSONNeedsLeavesTheEscapeAlone() throws {
        for (json, expected) in [
            (#"{"a":"x\n\u0301"}"#, "x\n\u{301}"), (#"{"a":"\t\u0308"}"#, "\t\u{308}"), (#"{"a":"x\u000A\u0301"}"#, "x\n\u{301}"),
            (#"{"a":"e\u0301 \"q\" \\u0301"}"#, "é \"q\" \\u0301"),
        ] {
            let normalised = NFC.normalised(json: Data(json.utf8))
            let value = try #require(try JSONSerialization.jsonObject(with: normalised) as? [String: String], "\(json) → \(String(decoding: normalised, as: UTF8.self))")
            #expect(value["a"].map { Array($0.unicodeScalars) } == Array(expected.unicodeScalars), "\(json)")
        }
    }

    @Test func namesAreStoredInNFCWhetherTypedDecomposedOrEscaped() async throws {
        let fixture = try APITestServer()
        try await fixture.test { client in
            // "Ayşe Öztürk": ş as s + U+0327, Ö as O + U+0308; then the same with JSON escapes.
            let decomposed = try await client.createParticipant(
                token: fixture.centre, Sample.participant(["name": "Ays\u{0327}e O\u{0308}ztu\u{0308}rk"]))
            let body = String(decoding: try JSONSerialization.data(withJSONObject: Sample.participant(["name": "NAME"])), as: UTF8.self)
                .replacingOccurrences(of: "\"NAME\"", with: #""Ays\u0327e O\u0308ztu\u0308rk \"quoted\" \\u0301""#)
            let escaped = try await client.call(.post, "/v1/participants", token: fixture.centre, json: body)
            #expect(escaped.status == .created, "\(escaped.text)")
            let escapedId = try #require(escaped.json["id"] as? String)
            let names = try await fixture.server.database.read { db in
                try Row.fetchAll(db, sql: "SELECT id, name FROM participant WHERE id IN (?, ?)", arguments: [decomposed, escapedId])
                    .reduce(into: [String: String]()) { $0[$1["id"]] = $1["name"] }
            }
            #expect(Array(names[decomposed]?.unicodeScalars ?? "".unicodeScalars) == Array("Ayşe Öztürk".precomposedStringWithCanonicalMapping.unicodeScalars))
            #expect(names[decomposed]?.utf8.count == "Ayşe Öztürk".utf8.count)
            // Escapes JSON needs stay what they mean: a quotation mark, and a backslash before "u0301".
            #expect(Array(names[escapedId]?.unicodeScalars ?? "".unicodeScalars)
                == Array("Ayşe Öztürk \"quoted\" \\u0301".precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }
}
