import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import TestSupport

/// Registers `count` eligible participants (level none, for A1 courses) for `token`'s centre, in order.
func registerPeople(_ client: some TestClientProtocol, token: String, count: Int, prefix: String = "Teilnehmerin") async throws -> [String] {
    var ids: [String] = []
    for index in 0..<count {
        ids.append(try await client.createParticipant(
            token: token, Sample.participant(["name": "\(prefix) \(index + 1)", "email": "person\(index + 1)@example.org"])))
    }
    return ids
}

@Suite("Courses: POST, PATCH, the public catalogue, calendar and roster")
struct CourseAPITests {
    // MARK: POST /v1/courses

    @Test("POST /v1/courses: 201 with id, every field, empty seats and sessions without Ascension Day 2027")
    func createSkipsHoliday() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let answer = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, [
                "title": "Intensivwoche A2", "kind": "intensive", "level": "A2", "capacity": 12, "childcare": true,
                "startDate": "2027-05-03", "endDate": "2027-05-07", "startTime": "08:30", "endTime": "13:00",
            ]))
            #expect(answer.status == .created)
            #expect((answer.json["id"] as? String)?.isEmpty == false)
            #expect(answer.json["sessions"] as? [String] == ["2027-05-03", "2027-05-04", "2027-05-05", "2027-05-07"])
            #expect(answer.json["title"] as? String == "Intensivwoche A2")
            #expect(answer.json["kind"] as? String == "intensive")
            #expect(answer.json["level"] as? String == "A2")
            #expect(answer.json["locationId"] as? String == location)
            #expect(answer.json["providerId"] as? String == server.providerId)
            #expect(answer.json["capacity"] as? Int == 12)
            #expect(answer.json["confirmed"] as? Int == 0)
            #expect(answer.json["waitlisted"] as? Int == 0)
            #expect(answer.json["childcare"] as? Bool == true)
            #expect(answer.json["womenOnly"] as? Bool == false)
            #expect(answer.json["startDate"] as? String == "2027-05-03")
            #expect(answer.json["endDate"] as? String == "2027-05-07")
            #expect(answer.json["startTime"] as? String == "08:30")
            #expect(answer.json["endTime"] as? String == "13:00")
            #expect(answer.json["weekdays"] as? [String] == ["MO", "TU", "WE", "TH", "FR"])
        }
    }

    @Test("sessions leave out every NRW public holiday in May 2027: Ascension, Whit Monday, Corpus Christi")
    func sessionsOverMay() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourse(token: server.provider, locationId: location, [
                "startDate": "2027-05-01", "endDate": "2027-05-31", "weekdays": ["MO", "TH"],
            ])
            // Mondays 3, 10, 17 (Whit Monday), 24, 31; Thursdays 6 (Ascension), 13, 20, 27 (Corpus Christi).
            #expect(course["sessions"] as? [String] == ["2027-05-03", "2027-05-10", "2027-05-13", "2027-05-20", "2027-05-24", "2027-05-31"])
        }
    }

    @Test("a kind women course is women-only even when womenOnly is left out")
    func womenCourseIsWomenOnly() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            var body = Sample.course(locationId: location, ["kind": "women", "title": "Frauenkurs A1"])
            body["womenOnly"] = nil
            let answer = try await client.post("/v1/courses", token: server.provider, body)
            #expect(answer.status == .created)
            #expect(answer.json["womenOnly"] as? Bool == true)
        }
    }

    @Test("an advice centre may not create courses: 403, and nothing is listed")
    func centreCannotCreate() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre)
            let answer = try await client.post("/v1/courses", token: server.centre, Sample.course(locationId: location))
            #expect(isProblem(answer, .forbidden, "forbidden"))
            #expect((answer.json["detail"] as? String)?.contains("provider") == true)
            #expect(try await client.catalogue().isEmpty)
        }
    }

    @Test("without a token or with an unknown one, creating a course is 401")
    func createNeedsToken() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let answer1 = try await client.post("/v1/courses", token: nil, Sample.course(locationId: location))
            #expect(isProblem(answer1, .unauthorized))
            let answer2 = try await client.post("/v1/courses", token: "nope", Sample.course(locationId: location))
            #expect(isProblem(answer2, .unauthorized))
            #expect(try await client.catalogue().isEmpty)
        }
    }

    @Test("an administrator may create courses")
    func adminCreates() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.admin)
            let answer = try await client.post("/v1/courses", token: server.admin, Sample.course(locationId: location))
            #expect(answer.status == .created)
            #expect(try await client.catalogue().count == 1)
        }
    }

    @Test("an unknown kind or level is 422 naming the field and every value it takes")
    func unknownEnumValues() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let kind = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, ["kind": "evening"]))
            #expect(isProblem(kind, .unprocessableContent, "validation-failed"))
            #expect(errorFields(kind) == ["kind"])
            #expect(errorMessages(kind, field: "kind") == [
                "must be one of: general, women, parents, youth, literacy, second-script, intensive, support, job-language",
            ])
            #expect((kind.json["detail"] as? String)?.contains("kind") == true)
            let level = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, ["level": "a1"]))
            #expect(errorFields(level) == ["level"])
            #expect(errorMessages(level, field: "level") == ["must be one of: none, A1, A2, B1, B2, C1, C2"])
            let weekday = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, ["weekdays": ["MO", "MI"]]))
            #expect(errorFields(weekday) == ["weekdays"])
            #expect(errorMessages(weekday, field: "weekdays").first?.contains("MO, TU, WE, TH, FR, SA, SU") == true)
            #expect(try await client.catalogue().isEmpty)
        }
    }

    @Test("inconsistent dates and times, an unknown location and a bad capacity are 422 each naming its field")
    func invalidCourse() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let dates = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, [
                "startDate": "2027-06-30", "endDate": "2027-02-01", "startTime": "12:00", "endTime": "09:00", "capacity": 0,
            ]))
            #expect(isProblem(dates, .unprocessableContent))
            #expect(Set(errorFields(dates)) == ["endDate", "endTime", "capacity"])
            let badDate = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, ["startDate": "01.02.2027"]))
            #expect(errorFields(badDate) == ["startDate"])
            let nowhere = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: "loc-unknown"))
            #expect(isProblem(nowhere, .unprocessableContent))
            #expect(errorFields(nowhere) == ["locationId"])
            let literacy = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, ["kind": "literacy", "level": "B1"]))
            #expect(errorFields(literacy) == ["level"])
            #expect(try await client.catalogue().isEmpty)
        }
    }

    @Test("a course runs at most three years: one day more is 422 naming endDate, and nothing is built from it")
    func courseSpanIsBounded() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let forever = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, [
                "startDate": "0001-01-01", "endDate": "9999-12-31",
            ]))
            #expect(isProblem(forever, .unprocessableContent) && errorFields(forever) == ["endDate"])
            let dayTooLong = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, [
                "startDate": "2027-02-01", "endDate": "2030-02-02",
            ]))
            #expect(errorFields(dayTooLong) == ["endDate"])
            #expect((dayTooLong.json["detail"] as? String)?.contains("2030-02-01") == true, "the last day allowed")
            #expect(try await client.catalogue().isEmpty)
            let longest = try await client.post("/v1/courses", token: server.provider, Sample.course(locationId: location, [
                "startDate": "2027-02-01", "endDate": "2030-02-01",
            ]))
            #expect(longest.status == .created)
        }
    }

    // MARK: PATCH /v1/courses/{id}

    @Test("PATCH a higher capacity confirms waitlisted bookings first come, first served")
    func capacityUpPromotes() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let people = try await registerPeople(client, token: server.centre, count: 4)
            var bookings: [String] = []
            for person in people {
                bookings.append(try #require(try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)["id"] as? String))
            }
            #expect(try await client.seats(of: course) == (1, 1, 3))

            let answer = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"capacity": 3}"#)
            #expect(answer.status == .ok)
            #expect(answer.json["capacity"] as? Int == 3)
            #expect(answer.json["confirmed"] as? Int == 3)
            #expect(answer.json["waitlisted"] as? Int == 1)
            #expect(try await client.bookingStatus(bookings[1], token: server.centre) == "confirmed")
            #expect(try await client.bookingStatus(bookings[2], token: server.centre) == "confirmed")
            let last = try await client.get("/v1/bookings/\(bookings[3])", token: server.centre)
            #expect(last.json["status"] as? String == "waitlisted")
            #expect(last.json["waitlistPosition"] as? Int == 1)
            #expect(try await client.seats(of: course) == (3, 3, 1))
        }
    }

    @Test("PATCH a capacity below the confirmed seats is 409 and changes nothing")
    func capacityBelowConfirmed() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 5])
            for person in try await registerPeople(client, token: server.centre, count: 3) {
                _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)
            }
            let answer = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"capacity": 2}"#)
            #expect(isProblem(answer, .conflict, "capacity-below-confirmed"))
            #expect((answer.json["detail"] as? String)?.contains("3") == true)
            #expect(try await client.seats(of: course) == (5, 3, 0))
            // Exactly the confirmed seats is allowed.
            let equal = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"capacity": 3}"#)
            #expect(equal.status == .ok)
            #expect(try await client.seats(of: course) == (3, 3, 0))
        }
    }

    @Test("capacity, title, seats and the waitlist order survive a restart")
    func patchSurvivesRestart() async throws {
        let server = try APITestServer()
        let ids = IdBox()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            var bookings: [String] = []
            for person in try await registerPeople(client, token: server.centre, count: 4) {
                bookings.append(try #require(try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)["id"] as? String))
            }
            let patched = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"capacity": 2, "title": "A1 (neu)"}"#)
            #expect(patched.status == .ok)
            ids.set([course] + bookings)
        }
        try await server.testAfterRestart { client in
            let saved = ids.get()
            let (course, bookings) = (saved[0], Array(saved.dropFirst()))
            #expect(try await client.seats(of: course) == (2, 2, 2))
            #expect(try await client.catalogue().first?["title"] as? String == "A1 (neu)")
            #expect(try await client.bookingStatus(bookings[1], token: server.centre) == "confirmed")
            let third = try await client.get("/v1/bookings/\(bookings[2])", token: server.centre)
            #expect(third.json["waitlistPosition"] as? Int == 1)
            let fourth = try await client.get("/v1/bookings/\(bookings[3])", token: server.centre)
            #expect(fourth.json["waitlistPosition"] as? Int == 2)
            // Cancelling after the restart promotes the right one.
            _ = try await client.call(.delete, "/v1/bookings/\(bookings[0])", token: server.centre)
            #expect(try await client.bookingStatus(bookings[2], token: server.centre) == "confirmed")
            #expect(try await client.seats(of: course) == (2, 2, 1))
        }
    }

    @Test("PATCH changes the title and childcare; sessions stay")
    func patchTitle() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let answer = try await client.call(
                .patch, "/v1/courses/\(course)", token: server.provider, json: #"{"title": "Integrationskurs A1 (Gruppe B)", "childcare": true}"#)
            #expect(answer.status == .ok)
            #expect(answer.json["title"] as? String == "Integrationskurs A1 (Gruppe B)")
            #expect(answer.json["childcare"] as? Bool == true)
            #expect((answer.json["sessions"] as? [String])?.first == "2027-02-01")
            let listed = try #require(try await client.catalogue("?childcare=true").first)
            #expect(listed["title"] as? String == "Integrationskurs A1 (Gruppe B)")
        }
    }

    @Test("PATCH title and capacity: the API and the course row agree afterwards, and createdAt stays")
    func patchStoresWhatTheAPIShows() async throws {
        let clock = TestClock()
        let server = try APITestServer(clock: clock.now)
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            for person in try await registerPeople(client, token: server.centre, count: 3) {
                _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)
            }
            let created = try #require(try server.storedCourse(course))
            clock.advance(seconds: 86_400)

            let answer = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"title": "A1 (neu)", "capacity": 2}"#)
            #expect(answer.status == .ok)
            #expect(answer.json["title"] as? String == "A1 (neu)")
            #expect(answer.json["confirmed"] as? Int == 2)
            let shown = try await client.get("/v1/courses/\(course)")
            let stored = try #require(try server.storedCourse(course))
            #expect(stored == StoredCourse(title: "A1 (neu)", capacity: 2, childcare: false, createdAt: created.createdAt))
            #expect(shown.json["title"] as? String == stored.title)
            #expect(shown.json["capacity"] as? Int == stored.capacity)
            #expect(shown.json["childcare"] as? Bool == stored.childcare)
        }
    }

    @Test("PATCH refused for its capacity changes neither the title in the API nor the course row")
    func refusedPatchChangesNothing() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 2])
            for person in try await registerPeople(client, token: server.centre, count: 2) {
                _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)
            }
            let before = try #require(try server.storedCourse(course))
            let answer = try await client.call(
                .patch, "/v1/courses/\(course)", token: server.provider, json: #"{"title": "A1 (neu)", "capacity": 1, "childcare": true}"#)
            #expect(isProblem(answer, .conflict, "capacity-below-confirmed"))
            #expect(try server.storedCourse(course) == before)
            let shown = try await client.get("/v1/courses/\(course)")
            #expect(shown.json["title"] as? String == before.title)
            #expect(shown.json["childcare"] as? Bool == false)
            #expect(try await client.seats(of: course) == (2, 2, 0))
        }
    }

    @Test("PATCHes of capacity and of title racing each other never leave the database and the API disagreeing")
    func concurrentPatchesAgree() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            for round in 1...30 {
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    group.addTask {
                        try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"capacity": \#(20 + round)}"#).status
                    }
                    group.addTask {
                        try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"title": "Runde \#(round)"}"#).status
                    }
                    for try await status in group { #expect(status == .ok) }
                }
                let shown = try await client.get("/v1/courses/\(course)")
                let stored = try #require(try server.storedCourse(course))
                #expect(stored.capacity == 20 + round && stored.title == "Runde \(round)", "round \(round): \(stored)")
                #expect(shown.json["capacity"] as? Int == stored.capacity, "round \(round)")
                #expect(shown.json["title"] as? String == stored.title, "round \(round)")
            }
        }
    }

    @Test("PATCH with nothing to change, a capacity out of range or a wrong type is rejected")
    func patchInvalid() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let answer3 = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: "{}")
            #expect(isProblem(answer3, .unprocessableContent))
            let zero = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"capacity": 0}"#)
            #expect(isProblem(zero, .unprocessableContent))
            #expect(errorFields(zero) == ["capacity"])
            let text = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"capacity": "30"}"#)
            #expect(isProblem(text, .badRequest))
            #expect(errorFields(text) == ["capacity"])
            // A bad title rejects the whole change: the capacity sent with it is not applied either.
            let mixed = try await client.call(.patch, "/v1/courses/\(course)", token: server.provider, json: #"{"capacity": 30, "title": "  "}"#)
            #expect(isProblem(mixed, .unprocessableContent))
            #expect(errorFields(mixed) == ["title"])
            #expect(try await client.seats(of: course).capacity == 20)
        }
    }

    @Test("PATCH by another provider is 404, by an advice centre 403, without a token 401, of an unknown course 404")
    func patchOwnership() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let other = try await client.call(.patch, "/v1/courses/\(course)", token: server.otherProvider, json: #"{"capacity": 30}"#)
            #expect(isProblem(other, .notFound, "not-found"))
            let centre = try await client.call(.patch, "/v1/courses/\(course)", token: server.centre, json: #"{"capacity": 30}"#)
            #expect(isProblem(centre, .forbidden))
            let answer4 = try await client.call(.patch, "/v1/courses/\(course)", json: #"{"capacity": 30}"#)
            #expect(isProblem(answer4, .unauthorized))
            let unknown = try await client.call(.patch, "/v1/courses/crs-unknown", token: server.provider, json: #"{"capacity": 30}"#)
            #expect(isProblem(unknown, .notFound))
            #expect(try await client.seats(of: course).capacity == 20)
            // The administrator may change any course.
            let admin = try await client.call(.patch, "/v1/courses/\(course)", token: server.admin, json: #"{"capacity": 30}"#)
            #expect(admin.status == .ok)
            #expect(try await client.seats(of: course).capacity == 30)
        }
    }

    // MARK: GET /v1/courses

    @Test("GET /v1/courses filters by level, kind, district, womenOnly, childcare and from")
    func catalogueFilters() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let mitte = try await client.createLocation(token: server.provider, ["district": "Mitte"])
            let marxloh = try await client.createLocation(token: server.provider, [
                "name": "Begegnungszentrum Marxloh", "district": "Marxloh", "lat": 51.5003, "lon": 6.7786,
            ])
            let general = try await client.createCourseId(token: server.provider, locationId: mitte)
            let women = try await client.createCourseId(token: server.provider, locationId: marxloh, [
                "kind": "women", "level": "A2", "womenOnly": true, "childcare": true, "title": "Frauenkurs A2",
            ])
            let job = try await client.createCourseId(token: server.otherProvider, locationId: mitte, [
                "kind": "job-language", "level": "B1", "startDate": "2027-04-05", "endDate": "2027-09-30", "title": "Berufssprachkurs B1",
            ])
            func ids(_ query: String) async throws -> Set<String> {
                Set(try await client.catalogue(query).compactMap { $0["id"] as? String })
            }
            #expect(try await ids("") == [general, women, job])
            #expect(try await ids("?level=A2") == [women])
            #expect(try await ids("?kind=job-language") == [job])
            #expect(try await ids("?district=marxloh") == [women], "districts match regardless of case")
            #expect(try await ids("?district=Mitte") == [general, job])
            #expect(try await ids("?womenOnly=true") == [women])
            #expect(try await ids("?womenOnly=false") == [general, job])
            #expect(try await ids("?childcare=true") == [women])
            #expect(try await ids("?from=2027-03-01") == [job])
            #expect(try await ids("?from=2027-02-01") == [general, women, job])
            #expect(try await ids("?level=A1&district=Mitte") == [general])
            #expect(try await ids("?level=C2").isEmpty)
            // List items carry seats but leave out the sessions.
            let item = try #require(try await client.catalogue("?kind=women").first)
            #expect(item["sessions"] == nil)
            #expect(item["freeSeats"] as? Int == 20)
            #expect(item["district"] as? String == "Marxloh")
        }
    }

    @Test("GET /v1/courses with an unknown filter value is 422 naming the field and its values")
    func catalogueBadFilter() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let level = try await client.get("/v1/courses?level=Z9")
            #expect(isProblem(level, .unprocessableContent))
            #expect(errorFields(level) == ["level"])
            #expect(errorMessages(level, field: "level").first?.contains("none, A1, A2, B1, B2, C1, C2") == true)
            let kind = try await client.get("/v1/courses?kind=evening")
            #expect(errorFields(kind) == ["kind"])
            #expect(errorMessages(kind, field: "kind").first?.contains("job-language") == true)
            let answer5 = try await client.get("/v1/courses?womenOnly=yes")
            #expect(errorFields(answer5) == ["womenOnly"])
            let answer6 = try await client.get("/v1/courses?from=tomorrow")
            #expect(errorFields(answer6) == ["from"])
            let answer7 = try await client.get("/v1/courses?limit=0")
            #expect(errorFields(answer7) == ["limit"])
            let answer8 = try await client.get("/v1/courses?cursor=%%%")
            #expect(errorFields(answer8) == ["cursor"])
        }
    }

    @Test("GET /v1/courses?limit= pages through every course once, with nextCursor until the last page")
    func cataloguePaging() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            var created: [String] = []
            for index in 1...5 {
                created.append(try await client.createCourseId(token: server.provider, locationId: location, ["title": "Kurs \(index)"]))
            }
            var seen: [String] = []
            var query = "?limit=2"
            var pages = 0
            while true {
                let answer = try await client.get("/v1/courses" + query)
                #expect(answer.status == .ok)
                let page = try #require(answer.json["courses"] as? [[String: Any]])
                seen += page.compactMap { $0["id"] as? String }
                pages += 1
                guard let cursor = answer.json["nextCursor"] as? String else {
                    #expect(page.count == 1)
                    break
                }
                #expect(page.count == 2)
                query = "?limit=2&cursor=\(cursor)"
                try #require(pages < 10)
            }
            #expect(pages == 3)
            #expect(seen.count == 5)
            #expect(Set(seen) == Set(created))
            // Without a limit, every course and no cursor.
            let all = try await client.get("/v1/courses")
            #expect((all.json["courses"] as? [Any])?.count == 5)
            #expect(all.json["nextCursor"] == nil || all.json["nextCursor"] is NSNull)
            // Filters and paging combine.
            let filtered = try await client.get("/v1/courses?level=A1&limit=5")
            #expect((filtered.json["courses"] as? [Any])?.count == 5)
            #expect(filtered.json["nextCursor"] == nil || filtered.json["nextCursor"] is NSNull)
        }
    }

    @Test("the public catalogue shows seats but no personal data")
    func catalogueHasNoPersonalData() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let first = try await client.createParticipant(token: server.centre)
            let second = try await client.createParticipant(token: server.centre, Sample.participant([
                "name": "Olena Kovalenko", "email": "olena.k@example.org", "preferredLanguage": "uk", "languages": ["uk", "ru"],
            ]))
            _ = try await client.bookedCourse(token: server.centre, participantId: first, courseId: course)
            _ = try await client.bookedCourse(token: server.centre, participantId: second, courseId: course)
            for path in ["/v1/courses", "/v1/courses/\(course)", "/v1/courses/\(course)/calendar.ics"] {
                let answer = try await client.get(path)
                #expect(answer.status == .ok)
                for secret in ["Yılmaz", "Ayşe", "ayse.yilmaz", "Kovalenko", "olena.k@", "example.org", first, second, "\"name\"", "\"email\""] {
                    #expect(!answer.text.contains(secret), "\(path) shows \(secret)")
                }
            }
            #expect(try await client.seats(of: course) == (1, 1, 1))
        }
    }

    @Test("GET /v1/courses/{id} answers one course with its sessions; an unknown id is 404")
    func oneCourse() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["startDate": "2027-05-03", "endDate": "2027-05-07"])
            let answer = try await client.get("/v1/courses/\(course)")
            #expect(answer.status == .ok)
            #expect(answer.json["sessions"] as? [String] == ["2027-05-03", "2027-05-04", "2027-05-05", "2027-05-07"])
            let answer9 = try await client.get("/v1/courses/crs-unknown")
            #expect(isProblem(answer9, .notFound))
        }
    }

    // MARK: calendar.ics

    @Test("GET /v1/courses/{id}/calendar.ics: text/calendar with RRULE and an EXDATE for Ascension Day")
    func courseCalendar() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, [
                "title": "Integrationskurs A1 vormittags", "startDate": "2027-04-26", "endDate": "2027-05-14",
            ])
            let answer = try await client.get("/v1/courses/\(course)/calendar.ics")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("text/calendar") == true)
            let text = answer.text
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(text.hasSuffix("END:VCALENDAR\r\n"))
            #expect(text.contains("BEGIN:VEVENT"))
            #expect(text.contains("METHOD:PUBLISH"))
            // The VTIMEZONE has rules of its own; the course's are in its VEVENT.
            let event = try #require(text.components(separatedBy: "BEGIN:VEVENT").last)
            let lines = event.components(separatedBy: "\r\n")
            let rrule = try #require(lines.first { $0.hasPrefix("RRULE:") })
            #expect(rrule.contains("FREQ=WEEKLY"))
            #expect(rrule.contains("BYDAY=MO,TU,WE,TH,FR"))
            let exdates = lines.filter { $0.hasPrefix("EXDATE") }.joined(separator: "\n")
            #expect(exdates.contains("20270506"), "Ascension Day is left out: \(text)")
            #expect(!exdates.contains("20270505"))
            #expect(lines.contains { $0.hasPrefix("DTSTART") && $0.contains("20270426T090000") })
            #expect(lines.contains { $0.hasPrefix("UID:") && $0.contains(course) })
            #expect(text.contains("SUMMARY:Integrationskurs A1 vormittags"))
        }
    }

    @Test("a course meeting only on a holiday has no sessions, and its calendar is 409")
    func onlyOnHoliday() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourse(token: server.provider, locationId: location, [
                "startDate": "2027-05-06", "endDate": "2027-05-06", "weekdays": ["TH"],
            ])
            #expect(course["sessions"] as? [String] == [])
            let answer = try await client.get("/v1/courses/\(course["id"] as? String ?? "")/calendar.ics")
            #expect(isProblem(answer, .conflict, "no-sessions"))
        }
    }

    @Test("the calendar of an unknown course is 404")
    func courseCalendarUnknown() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let answer10 = try await client.get("/v1/courses/crs-unknown/calendar.ics")
            #expect(isProblem(answer10, .notFound))
        }
    }

    // MARK: roster

    @Test("GET /v1/courses/{id}/roster: the owning provider sees confirmed and waitlisted names only")
    func roster() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 2])
            let people = try await registerPeople(client, token: server.centre, count: 3)
            for person in people { _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course) }
            let answer = try await client.get("/v1/courses/\(course)/roster", token: server.provider)
            #expect(answer.status == .ok)
            let confirmed = try #require(answer.json["confirmed"] as? [[String: Any]])
            let waitlisted = try #require(answer.json["waitlisted"] as? [[String: Any]])
            #expect(Set(confirmed.compactMap { $0["name"] as? String }) == ["Teilnehmerin 1", "Teilnehmerin 2"])
            #expect(waitlisted.compactMap { $0["name"] as? String } == ["Teilnehmerin 3"])
            #expect(waitlisted.first?["waitlistPosition"] as? Int == 1)
            #expect(!answer.text.contains("@example.org"), "names only, no email")
            #expect(!answer.text.contains("Marxloh"), "names only, no district")
            for line in confirmed + waitlisted {
                #expect(line["email"] == nil)
                #expect(line["participantId"] == nil)
            }
        }
    }

    @Test("the roster of another provider's course is 404; an advice centre gets 403, no token 401")
    func rosterOwnership() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let person = try await client.createParticipant(token: server.centre)
            _ = try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)
            let other = try await client.get("/v1/courses/\(course)/roster", token: server.otherProvider)
            #expect(isProblem(other, .notFound))
            #expect(!other.text.contains("Yılmaz"))
            let answer11 = try await client.get("/v1/courses/\(course)/roster", token: server.centre)
            #expect(isProblem(answer11, .forbidden))
            let answer12 = try await client.get("/v1/courses/\(course)/roster")
            #expect(isProblem(answer12, .unauthorized))
            let answer13 = try await client.get("/v1/courses/crs-unknown/roster", token: server.provider)
            #expect(isProblem(answer13, .notFound))
            let admin = try await client.get("/v1/courses/\(course)/roster", token: server.admin)
            #expect((admin.json["confirmed"] as? [[String: Any]])?.first?["name"] as? String == "Ayşe Yılmaz")
        }
    }
}
