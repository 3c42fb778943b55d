import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Counselling slots: POST and GET /v1/slots")
struct SlotAPITests {
    @Test("POST /v1/slots with one slot: 201 with id, start and end with offset, and every field")
    func createOne() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre, ["district": "Hochfeld"])
            let answer = try await client.post("/v1/slots", token: server.centre, Sample.slot(locationId: location, [
                "start": "2027-03-15T14:30:00+01:00", "durationMinutes": 60, "service": "course-guidance", "languages": ["ar", "DE"],
            ]))
            #expect(answer.status == .created)
            #expect((answer.json["id"] as? String)?.isEmpty == false)
            #expect(answer.json["locationId"] as? String == location)
            #expect(answer.json["centreId"] as? String == server.centreId)
            #expect(answer.json["district"] as? String == "Hochfeld")
            #expect(answer.json["start"] as? String == "2027-03-15T14:30:00+01:00")
            #expect(answer.json["end"] as? String == "2027-03-15T15:30:00+01:00")
            #expect(answer.json["durationMinutes"] as? Int == 60)
            #expect(answer.json["service"] as? String == "course-guidance")
            #expect(answer.json["languages"] as? [String] == ["ar", "de"])
            #expect(answer.json["womenOnly"] as? Bool == false)
            #expect(answer.json["counsellor"] as? String == "Frau Demir")
            #expect(answer.json["free"] as? Bool == true)
        }
    }

    @Test("a start given in UTC is shown in Berlin time (summer time in July)")
    func startInBerlinTime() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre)
            let answer = try await client.post("/v1/slots", token: server.centre, Sample.slot(locationId: location, ["start": "2027-07-05T08:00:00Z"]))
            #expect(answer.status == .created)
            #expect(answer.json["start"] as? String == "2027-07-05T10:00:00+02:00")
        }
    }

    @Test("POST /v1/slots with {\"slots\": [...]}: 201 with every slot and its own id")
    func createBatch() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre)
            let answer = try await client.post("/v1/slots", token: server.centre, ["slots": [
                Sample.slot(locationId: location, ["start": "2027-02-10T09:00:00+01:00"]),
                Sample.slot(locationId: location, ["start": "2027-02-10T10:00:00+01:00", "service": "jmd"]),
                Sample.slot(locationId: location, ["start": "2027-02-10T11:00:00+01:00", "languages": ["ru", "uk"]]),
            ]])
            #expect(answer.status == .created)
            let slots = try #require(answer.json["slots"] as? [[String: Any]])
            #expect(slots.count == 3)
            #expect(Set(slots.compactMap { $0["id"] as? String }).count == 3)
            #expect(slots.map { $0["start"] as? String } == ["2027-02-10T09:00:00+01:00", "2027-02-10T10:00:00+01:00", "2027-02-10T11:00:00+01:00"])
            #expect(slots[1]["service"] as? String == "jmd")
            #expect(try await client.slots(token: server.centre).count == 3)
        }
    }

    @Test("a batch with one bad slot stores none and names it as slots[1].start")
    func batchAllOrNothing() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre)
            let answer = try await client.post("/v1/slots", token: server.centre, ["slots": [
                Sample.slot(locationId: location),
                Sample.slot(locationId: location, ["start": "2027-02-10 10:00"]),
                Sample.slot(locationId: location, ["start": "2027-02-10T11:00:00+01:00"]),
            ]])
            #expect(isProblem(answer, .unprocessableContent, "validation-failed"))
            #expect(errorFields(answer) == ["slots[1].start"])
            #expect(try await client.slots(token: server.centre).isEmpty)

            let several = try await client.post("/v1/slots", token: server.centre, ["slots": [
                Sample.slot(locationId: "loc-unknown"),
                Sample.slot(locationId: location, ["service": "legal", "durationMinutes": 2]),
            ]])
            #expect(Set(errorFields(several)) == ["slots[0].locationId", "slots[1].service", "slots[1].durationMinutes"])
            #expect(try await client.slots(token: server.centre).isEmpty)

            let empty = try await client.post("/v1/slots", token: server.centre, ["slots": [Any]()])
            #expect(errorFields(empty) == ["slots"])
        }
    }

    @Test("an unknown service is 422 naming the field and its values; an unknown language names the code")
    func invalidValues() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre)
            let service = try await client.post("/v1/slots", token: server.centre, Sample.slot(locationId: location, ["service": "legal"]))
            #expect(isProblem(service, .unprocessableContent))
            #expect(errorFields(service) == ["service"])
            #expect(errorMessages(service, field: "service") == ["must be one of: mbe, jmd, social, course-guidance"])
            let language = try await client.post("/v1/slots", token: server.centre, Sample.slot(locationId: location, ["languages": ["de", "xx"]]))
            #expect(errorFields(language) == ["languages"])
            #expect(errorMessages(language, field: "languages").first?.contains("'xx'") == true)
            let offset = try await client.post("/v1/slots", token: server.centre, Sample.slot(locationId: location, ["start": "2027-02-10T09:00:00"]))
            #expect(errorFields(offset) == ["start"], "a start without offset is ambiguous")
            #expect(try await client.slots(token: server.centre).isEmpty)
        }
    }

    @Test("providers may neither publish nor list slots (403); without a token 401")
    func roles() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let post = try await client.post("/v1/slots", token: server.provider, Sample.slot(locationId: location))
            #expect(isProblem(post, .forbidden))
            let list = try await client.get("/v1/slots", token: server.provider)
            #expect(isProblem(list, .forbidden))
            let anonymous = try await client.get("/v1/slots")
            #expect(isProblem(anonymous, .unauthorized))
            let anonymousPost = try await client.post("/v1/slots", token: nil, Sample.slot(locationId: location))
            #expect(isProblem(anonymousPost, .unauthorized))
            #expect(try await client.slots(token: server.admin).isEmpty)
        }
    }

    @Test("GET /v1/slots filters by language, district, from/to and free=true")
    func filters() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let mitte = try await client.createLocation(token: server.centre, ["district": "Mitte"])
            let marxloh = try await client.createLocation(token: server.centre, ["district": "Marxloh", "lat": 51.5003, "lon": 6.7786])
            let turkish = try await client.createSlot(token: server.centre, locationId: mitte, ["languages": ["de", "tr"], "start": "2027-02-10T09:00:00+01:00"])
            let arabic = try await client.createSlot(token: server.centre, locationId: marxloh, ["languages": ["ar"], "start": "2027-02-11T09:00:00+01:00"])
            let russian = try await client.createSlot(token: server.otherCentre, locationId: mitte, ["languages": ["ru", "uk"], "start": "2027-03-01T13:00:00+01:00"])
            func ids(_ query: String, token: String = server.centre) async throws -> Set<String> {
                Set(try await client.slots(token: token, query).compactMap { $0["id"] as? String })
            }
            #expect(try await ids("") == [turkish, arabic, russian])
            #expect(try await ids("?language=ar") == [arabic])
            #expect(try await ids("?language=tr") == [turkish])
            #expect(try await ids("?language=fr").isEmpty)
            #expect(try await ids("?district=marxloh") == [arabic])
            #expect(try await ids("?from=2027-02-11") == [arabic, russian])
            #expect(try await ids("?to=2027-02-10") == [turkish], "a date as to takes in the whole day")
            #expect(try await ids("?from=2027-02-10T10:00:00%2B01:00&to=2027-02-28") == [arabic])

            // A booked slot is no longer free.
            let person = try await client.createParticipant(token: server.centre)
            let booked = try await client.book(token: server.centre, participantId: person, slotId: turkish)
            #expect(booked.status == .created)
            #expect(try await ids("?free=true") == [arabic, russian])
            #expect(try await ids("?free=false") == [turkish, arabic, russian])
            let listed = try await client.slots(token: server.centre).first { $0["id"] as? String == turkish }
            #expect(listed?["free"] as? Bool == false)
            #expect(try await ids("?free=true&language=tr").isEmpty)
            #expect(try await ids("?language=de&free=true", token: server.admin).isEmpty)
        }
    }

    @Test("GET /v1/slots with a bad filter is 422 naming the field")
    func badFilters() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let language = try await client.get("/v1/slots?language=klingon", token: server.centre)
            #expect(isProblem(language, .unprocessableContent))
            #expect(errorFields(language) == ["language"])
            let free = try await client.get("/v1/slots?free=1", token: server.centre)
            #expect(errorFields(free) == ["free"])
            let from = try await client.get("/v1/slots?from=next-week", token: server.centre)
            #expect(errorFields(from) == ["from"])
        }
    }

    @Test("GET /v1/slots?limit= pages with nextCursor")
    func paging() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre)
            var created: Set<String> = []
            for hour in ["09", "10", "11", "12"] {
                created.insert(try await client.createSlot(token: server.centre, locationId: location, ["start": "2027-02-10T\(hour):00:00+01:00"]))
            }
            let first = try await client.get("/v1/slots?limit=3", token: server.centre)
            let firstPage = try #require(first.json["slots"] as? [[String: Any]])
            #expect(firstPage.count == 3)
            let cursor = try #require(first.json["nextCursor"] as? String)
            let second = try await client.get("/v1/slots?limit=3&cursor=\(cursor)", token: server.centre)
            let secondPage = try #require(second.json["slots"] as? [[String: Any]])
            #expect(secondPage.count == 1)
            #expect(second.json["nextCursor"] as? String == nil)
            #expect(Set((firstPage + secondPage).compactMap { $0["id"] as? String }) == created)
        }
    }
}
