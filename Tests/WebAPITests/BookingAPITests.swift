import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// RFC 3339 with a numeric offset, as the API writes timestamps.
func isRFC3339WithOffset(_ text: Any?) -> Bool {
    guard let text = text as? String else { return false }
    return text.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$"#, options: .regularExpression) != nil
}

let idempotencyKey = HTTPField.Name("Idempotency-Key")!

@Suite("Bookings: POST, GET, DELETE and calendar")
struct BookingAPITests {
    @Test("POST /v1/bookings for a course with seats: 201 confirmed, and the seat is counted")
    func bookConfirmed() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 2])
            let person = try await client.createParticipant(token: server.centre)
            let answer = try await client.book(token: server.centre, participantId: person, courseId: course)
            #expect(answer.status == .created)
            let id = try #require(answer.json["id"] as? String)
            #expect(answer.json["status"] as? String == "confirmed")
            #expect(answer.json["participantId"] as? String == person)
            #expect(answer.json["courseId"] as? String == course)
            #expect(answer.json["slotId"] == nil)
            #expect(answer.json["waitlistPosition"] == nil)
            #expect(isRFC3339WithOffset(answer.json["createdAt"]))
            #expect(isRFC3339WithOffset(answer.json["updatedAt"]))
            #expect(try await client.seats(of: course) == (2, 1, 0))

            let read = try await client.get("/v1/bookings/\(id)", token: server.centre)
            #expect(read.status == .ok)
            #expect(read.json["id"] as? String == id)
            #expect(read.json["status"] as? String == "confirmed")
            #expect(read.json["courseId"] as? String == course)
            #expect(read.json["createdAt"] as? String == answer.json["createdAt"] as? String)
        }
    }

    @Test("a full course waitlists: 201 waitlisted with waitlistPosition 1, 2, …")
    func fullCourseWaitlists() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let people = try await registerPeople(client, token: server.centre, count: 3)
            let first = try await client.book(token: server.centre, participantId: people[0], courseId: course)
            #expect(first.json["status"] as? String == "confirmed")
            let second = try await client.book(token: server.centre, participantId: people[1], courseId: course)
            #expect(second.status == .created)
            #expect(second.json["status"] as? String == "waitlisted")
            #expect(second.json["waitlistPosition"] as? Int == 1)
            let third = try await client.book(token: server.centre, participantId: people[2], courseId: course)
            #expect(third.json["status"] as? String == "waitlisted")
            #expect(third.json["waitlistPosition"] as? Int == 2)
            #expect(try await client.seats(of: course) == (1, 1, 2))
            let read = try await client.get("/v1/bookings/\(third.json["id"] as? String ?? "")", token: server.centre)
            #expect(read.json["waitlistPosition"] as? Int == 2)
        }
    }

    @Test("a slot is booked once: another participant gets 409 slot-taken; after a cancellation it is free again")
    func slotTaken() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre)
            let slot = try await client.createSlot(token: server.centre, locationId: location)
            let people = try await registerPeople(client, token: server.centre, count: 2)
            let first = try await client.book(token: server.centre, participantId: people[0], slotId: slot)
            #expect(first.status == .created)
            #expect(first.json["status"] as? String == "confirmed")
            #expect(first.json["slotId"] as? String == slot)
            #expect(first.json["courseId"] == nil)

            let second = try await client.book(token: server.centre, participantId: people[1], slotId: slot)
            #expect(isProblem(second, .conflict, "slot-taken"))
            #expect((second.json["detail"] as? String)?.contains(slot) == true)
            let person = try await client.get("/v1/participants/\(people[1])", token: server.centre)
            #expect((person.json["bookings"] as? [Any])?.isEmpty == true, "a refused booking stores nothing")

            let cancel = try await client.call(.delete, "/v1/bookings/\(first.json["id"] as? String ?? "")", token: server.centre)
            #expect(cancel.json["status"] as? String == "cancelled")
            let retry = try await client.book(token: server.centre, participantId: people[1], slotId: slot)
            #expect(retry.status == .created)
            #expect(retry.json["status"] as? String == "confirmed")
        }
    }

    @Test("the same participant booking the same course or slot again is 409 already-booked and books nothing")
    func alreadyBooked() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let slotPlace = try await client.createLocation(token: server.centre)
            let slot = try await client.createSlot(token: server.centre, locationId: slotPlace, ["start": "2027-01-20T15:00:00+01:00"])
            let people = try await registerPeople(client, token: server.centre, count: 2)
            let held = try #require(try await client.bookedCourse(token: server.centre, participantId: people[0], courseId: course)["id"] as? String)
            let again = try await client.book(token: server.centre, participantId: people[0], courseId: course)
            #expect(isProblem(again, .conflict, "already-booked"))
            #expect((again.json["detail"] as? String)?.contains(held) == true)

            // A waiting booking counts as held, too.
            _ = try await client.bookedCourse(token: server.centre, participantId: people[1], courseId: course)
            let waitingAgain = try await client.book(token: server.centre, participantId: people[1], courseId: course)
            #expect(isProblem(waitingAgain, .conflict, "already-booked"))
            #expect(try await client.seats(of: course) == (1, 1, 1))

            #expect(try await client.book(token: server.centre, participantId: people[0], slotId: slot).status == .created)
            let slotAgain = try await client.book(token: server.centre, participantId: people[0], slotId: slot)
            #expect(isProblem(slotAgain, .conflict, "already-booked"))
            let person = try await client.get("/v1/participants/\(people[0])", token: server.centre)
            #expect((person.json["bookings"] as? [Any])?.count == 2)
        }
    }

    @Test("a repeated Idempotency-Key answers exactly as the first time and books nothing more")
    func idempotencyKey() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let people = try await registerPeople(client, token: server.centre, count: 2)
            let key = "7c1f9e2a-4b3d-4e8f-9a10-2b5c6d7e8f90"
            let first = try await client.book(token: server.centre, participantId: people[0], courseId: course, key: key)
            #expect(first.status == .created)
            let id = try #require(first.json["id"] as? String)
            for _ in 0..<3 {
                let repeated = try await client.book(token: server.centre, participantId: people[0], courseId: course, key: key)
                #expect(repeated.status == .created)
                #expect(repeated.json["id"] as? String == id)
                #expect(repeated.text == first.text, "the same answer, byte for byte")
            }
            #expect(try await client.seats(of: course) == (1, 1, 0))
            let person = try await client.get("/v1/participants/\(people[0])", token: server.centre)
            #expect((person.json["bookings"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])

            // A waitlisted answer replays with its position.
            let waiting = try await client.book(token: server.centre, participantId: people[1], courseId: course, key: "second-key")
            #expect(waiting.json["waitlistPosition"] as? Int == 1)
            let waitingAgain = try await client.book(token: server.centre, participantId: people[1], courseId: course, key: "second-key")
            #expect(waitingAgain.text == waiting.text)
            #expect(try await client.seats(of: course) == (1, 1, 1))

            // The same key for another request is a conflict, and books nothing.
            let other = try await client.createCourseId(token: server.provider, locationId: location, ["startTime": "14:00", "endTime": "17:00"])
            let reused = try await client.book(token: server.centre, participantId: people[0], courseId: other, key: key)
            #expect(isProblem(reused, .conflict, "idempotency-key-reused"))
            #expect(try await client.seats(of: other).confirmed == 0)
        }
    }

    @Test("an Idempotency-Key answers the same after a restart")
    func idempotencyAfterRestart() async throws {
        let server = try APITestServer()
        let saved = IdBox()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let person = try await client.createParticipant(token: server.centre)
            let first = try await client.book(token: server.centre, participantId: person, courseId: course, key: "restart-key")
            #expect(first.status == .created)
            saved.set([course, person, first.text])
        }
        try await server.testAfterRestart { client in
            let values = saved.get()
            let again = try await client.book(token: server.centre, participantId: values[1], courseId: values[0], key: "restart-key")
            #expect(again.status == .created)
            #expect(again.text == values[2])
            #expect(try await client.seats(of: values[0]).confirmed == 1)
        }
    }

    @Test("Idempotency-Keys belong to one organisation; a malformed key is 400")
    func idempotencyKeyScope() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let mine = try await client.createParticipant(token: server.centre)
            let theirs = try await client.createParticipant(token: server.otherCentre, Sample.participant(["name": "Fatma Öztürk", "email": "fatma@example.org"]))
            let first = try await client.book(token: server.centre, participantId: mine, courseId: course, key: "booking-1")
            let second = try await client.book(token: server.otherCentre, participantId: theirs, courseId: course, key: "booking-1")
            #expect(first.status == .created && second.status == .created)
            #expect(first.json["id"] as? String != second.json["id"] as? String)
            #expect(try await client.seats(of: course).confirmed == 2)

            let other = try await client.createCourseId(token: server.provider, locationId: location, ["startTime": "14:00", "endTime": "17:00"])
            let tooLong = try await client.book(token: server.centre, participantId: mine, courseId: other, key: String(repeating: "k", count: 201))
            #expect(isProblem(tooLong, .badRequest))
            #expect(errorFields(tooLong) == ["Idempotency-Key"])
            let spaces = try await client.book(token: server.centre, participantId: mine, courseId: other, key: "two words")
            #expect(isProblem(spaces, .badRequest))
            #expect(try await client.seats(of: other).confirmed == 0)
        }
    }

    @Test("many centres' bookings at once never overbook: capacity confirmed, the rest in one line without gaps")
    func concurrentBookings() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 5])
            let people = try await registerPeople(client, token: server.centre, count: 20)
            let answers = try await withThrowingTaskGroup(of: (status: Int, position: Int?).self) { group in
                for person in people {
                    group.addTask {
                        let answer = try await client.book(token: server.centre, participantId: person, courseId: course)
                        return (answer.status.code, answer.json["status"] as? String == "confirmed" ? 0 : answer.json["waitlistPosition"] as? Int)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == 201 })
            #expect(answers.filter { $0.position == 0 }.count == 5)
            #expect(answers.compactMap(\.position).filter { $0 > 0 }.sorted() == Array(1...15))
            #expect(try await client.seats(of: course) == (5, 5, 15))
        }
    }

    @Test("one slot booked by many at once goes to exactly one; the same key sent at once books once")
    func concurrentSlotAndKey() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.centre)
            let slot = try await client.createSlot(token: server.centre, locationId: location)
            let people = try await registerPeople(client, token: server.centre, count: 10)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for person in people {
                    group.addTask { try await client.book(token: server.centre, participantId: person, slotId: slot).status.code }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 9)
            #expect(try await client.slots(token: server.centre, "?free=true").isEmpty)

            let courseLocation = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: courseLocation, ["startTime": "14:00", "endTime": "17:00"])
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.book(token: server.centre, participantId: people[0], courseId: course, key: "same-key-at-once").json["id"] as? String
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(ids.count == 8)
            #expect(Set(ids).count == 1)
            #expect(ids.allSatisfy { $0 != nil })
            #expect(try await client.seats(of: course).confirmed == 1)
        }
    }

    @Test("a women-only course for a man is 422 whose detail names the rule, and stores nothing")
    func notEligibleWomenOnly() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["womenOnly": true, "title": "A1 für Frauen"])
            let man = try await client.createParticipant(token: server.centre, Sample.man())
            let answer = try await client.book(token: server.centre, participantId: man, courseId: course)
            #expect(isProblem(answer, .unprocessableContent, "not-eligible"))
            let detail = try #require(answer.json["detail"] as? String)
            #expect(detail.contains("women-only-offer"))
            #expect(detail.contains("female"))
            #expect(!detail.contains("level"), "only the failing rule: \(detail)")
            #expect(try await client.seats(of: course) == (20, 0, 0))
            let person = try await client.get("/v1/participants/\(man)", token: server.centre)
            #expect((person.json["bookings"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("each broken rule is named: level, childcare, step-free, women-only need, shared language, future offer, overlap")
    func notEligibleRules() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let steps = try await client.createLocation(token: server.provider, ["stepFree": false])
            let level = try await client.createCourseId(token: server.provider, locationId: steps, ["level": "B2"])
            let plain = try await client.createCourseId(token: server.provider, locationId: steps, ["level": "A1", "startTime": "14:00", "endTime": "16:00"])
            let begun = try await client.createCourseId(token: server.provider, locationId: steps, ["startDate": "2026-10-05", "endDate": "2027-03-31"])
            let ayse = try await client.createParticipant(token: server.centre, Sample.participant([
                "needs": ["childcare": true, "stepFree": true, "womenOnly": true],
            ]))
            func detail(_ answer: APIAnswer) -> String {
                #expect(isProblem(answer, .unprocessableContent, "not-eligible"))
                return answer.json["detail"] as? String ?? ""
            }
            let levelDetail = detail(try await client.book(token: server.centre, participantId: ayse, courseId: level))
            #expect(levelDetail.contains("level"))
            let needsDetail = detail(try await client.book(token: server.centre, participantId: ayse, courseId: plain))
            #expect(needsDetail.contains("childcare"))
            #expect(needsDetail.contains("step-free"))
            #expect(needsDetail.contains("women-only-need"))
            #expect(!needsDetail.contains("level"))
            let begunDetail = detail(try await client.book(token: server.centre, participantId: ayse, courseId: begun))
            #expect(begunDetail.contains("future-offer"))

            let slotPlace = try await client.createLocation(token: server.centre)
            let russian = try await client.createSlot(token: server.centre, locationId: slotPlace, ["languages": ["ru", "uk"]])
            let man = try await client.createParticipant(token: server.centre, Sample.man())
            let languageDetail = detail(try await client.book(token: server.centre, participantId: man, slotId: russian))
            #expect(languageDetail.contains("shared-language"))
            #expect(try await client.slots(token: server.centre, "?free=true").count == 1)

            // Overlap: a confirmed morning course, then another course and a slot the same mornings.
            let flat = try await client.createLocation(token: server.provider, ["stepFree": true])
            let morning = try await client.createCourseId(token: server.provider, locationId: flat, ["level": "A2"])
            let alsoMorning = try await client.createCourseId(token: server.provider, locationId: flat, ["level": "A1", "startDate": "2027-03-01"])
            _ = try await client.bookedCourse(token: server.centre, participantId: man, courseId: morning)
            let overlap = detail(try await client.book(token: server.centre, participantId: man, courseId: alsoMorning))
            #expect(overlap.contains("no-overlap"))
            let arabic = try await client.createSlot(token: server.centre, locationId: slotPlace, ["languages": ["ar"], "start": "2027-02-10T10:00:00+01:00"])
            let slotOverlap = detail(try await client.book(token: server.centre, participantId: man, slotId: arabic))
            #expect(slotOverlap.contains("no-overlap"))
            #expect(try await client.seats(of: alsoMorning).confirmed == 0)
        }
    }

    @Test("a provider may not book (403); without a token 401; an unknown course or participant is 404")
    func rolesAndUnknowns() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let person = try await client.createParticipant(token: server.centre)
            let provider = try await client.book(token: server.provider, participantId: person, courseId: course)
            #expect(isProblem(provider, .forbidden))
            let anonymous = try await client.post("/v1/bookings", token: nil, ["participantId": person, "courseId": course])
            #expect(isProblem(anonymous, .unauthorized))
            let unknownCourse = try await client.book(token: server.centre, participantId: person, courseId: "crs-unknown")
            #expect(isProblem(unknownCourse, .notFound))
            let unknownSlot = try await client.book(token: server.centre, participantId: person, slotId: "slt-unknown")
            #expect(isProblem(unknownSlot, .notFound))
            let unknownPerson = try await client.book(token: server.centre, participantId: "par-unknown", courseId: course)
            #expect(isProblem(unknownPerson, .notFound))
            #expect(try await client.seats(of: course).confirmed == 0)
            // The administrator books for anyone.
            let admin = try await client.book(token: server.admin, participantId: person, courseId: course)
            #expect(admin.status == .created)
            #expect(try await client.seats(of: course).confirmed == 1)
        }
    }

    @Test("a booking body names a participant and exactly one of courseId and slotId, else 422")
    func bodyRules() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let person = try await client.createParticipant(token: server.centre)
            let neither = try await client.post("/v1/bookings", token: server.centre, ["participantId": person])
            #expect(isProblem(neither, .unprocessableContent))
            #expect(errorFields(neither) == ["courseId"])
            let both = try await client.post("/v1/bookings", token: server.centre, ["participantId": person, "courseId": course, "slotId": "slt-1"])
            #expect(isProblem(both, .unprocessableContent))
            #expect(errorFields(both) == ["slotId"])
            let nobody = try await client.post("/v1/bookings", token: server.centre, ["courseId": course])
            #expect(errorFields(nobody) == ["participantId"])
            let wrongType = try await client.post("/v1/bookings", token: server.centre, ["participantId": person, "courseId": 42])
            #expect(isProblem(wrongType, .badRequest))
            #expect(errorFields(wrongType) == ["courseId"])
            #expect(try await client.seats(of: course).confirmed == 0)
        }
    }

    @Test("another centre's booking is 404 to read, cancel or export; a provider gets 403")
    func otherCentresBooking() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let person = try await client.createParticipant(token: server.centre)
            let id = try #require(try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)["id"] as? String)
            let read = try await client.get("/v1/bookings/\(id)", token: server.otherCentre)
            #expect(isProblem(read, .notFound))
            let cancel = try await client.call(.delete, "/v1/bookings/\(id)", token: server.otherCentre)
            #expect(isProblem(cancel, .notFound))
            let calendar = try await client.get("/v1/bookings/\(id)/calendar.ics", token: server.otherCentre)
            #expect(isProblem(calendar, .notFound))
            let provider = try await client.get("/v1/bookings/\(id)", token: server.provider)
            #expect(isProblem(provider, .forbidden))
            let unknown = try await client.get("/v1/bookings/bkg-unknown", token: server.centre)
            #expect(isProblem(unknown, .notFound))
            #expect(try await client.bookingStatus(id, token: server.centre) == "confirmed")
            #expect(try await client.seats(of: course).confirmed == 1)
        }
    }

    @Test("DELETE /v1/bookings/{id}: 200 cancelled, the first in line is confirmed, the rest move up; again is still 200")
    func cancelPromotes() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            var ids: [String] = []
            for person in try await registerPeople(client, token: server.centre, count: 3) {
                ids.append(try #require(try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)["id"] as? String))
            }
            let answer = try await client.call(.delete, "/v1/bookings/\(ids[0])", token: server.centre)
            #expect(answer.status == .ok)
            #expect(answer.json["id"] as? String == ids[0])
            #expect(answer.json["status"] as? String == "cancelled")
            #expect(try await client.bookingStatus(ids[1], token: server.centre) == "confirmed")
            let last = try await client.get("/v1/bookings/\(ids[2])", token: server.centre)
            #expect(last.json["status"] as? String == "waitlisted")
            #expect(last.json["waitlistPosition"] as? Int == 1)
            #expect(try await client.seats(of: course) == (1, 1, 1))

            let again = try await client.call(.delete, "/v1/bookings/\(ids[0])", token: server.centre)
            #expect(again.status == .ok)
            #expect(again.json["status"] as? String == "cancelled")
            #expect(try await client.seats(of: course) == (1, 1, 1))
            #expect(try await client.bookingStatus(ids[0], token: server.centre) == "cancelled")

            // Cancelling a waiting booking frees no seat and promotes no one.
            let leaveLine = try await client.call(.delete, "/v1/bookings/\(ids[2])", token: server.centre)
            #expect(leaveLine.json["status"] as? String == "cancelled")
            #expect(try await client.seats(of: course) == (1, 1, 0))
        }
    }

    @Test("GET /v1/bookings/{id}/calendar.ics: text/calendar with the booking's UID, for a course and a slot")
    func bookingCalendar() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["startDate": "2027-04-26", "endDate": "2027-05-14"])
            let person = try await client.createParticipant(token: server.centre)
            let booking = try #require(try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)["id"] as? String)
            let answer = try await client.get("/v1/bookings/\(booking)/calendar.ics", token: server.centre)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(answer.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(answer.text.contains("\r\nUID:\(booking)@wegweiser\r\n"))
            #expect(answer.text.contains("RRULE:FREQ=WEEKLY"))
            #expect(answer.text.contains("20270506"), "Ascension Day is an exception date")
            #expect(answer.text.contains("END:VCALENDAR"))

            let slotPlace = try await client.createLocation(token: server.centre)
            let slot = try await client.createSlot(token: server.centre, locationId: slotPlace, ["start": "2027-03-02T15:00:00+01:00"])
            let slotBooking = try #require(try await client.book(token: server.centre, participantId: person, slotId: slot).json["id"] as? String)
            let slotCalendar = try await client.get("/v1/bookings/\(slotBooking)/calendar.ics", token: server.centre)
            #expect(slotCalendar.status == .ok)
            #expect(slotCalendar.text.contains("\r\nUID:\(slotBooking)@wegweiser\r\n"))
            #expect(slotCalendar.text.contains("20270302T150000"))
            #expect(!slotCalendar.text.contains("RRULE:FREQ=WEEKLY"))
        }
    }

    @Test("a cancelled booking's calendar cancels the entry under the same UID")
    func cancelledCalendar() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location)
            let person = try await client.createParticipant(token: server.centre)
            let booking = try #require(try await client.bookedCourse(token: server.centre, participantId: person, courseId: course)["id"] as? String)
            let before = try await client.get("/v1/bookings/\(booking)/calendar.ics", token: server.centre)
            #expect(before.text.contains("METHOD:REQUEST") || before.text.contains("METHOD:PUBLISH"))
            _ = try await client.call(.delete, "/v1/bookings/\(booking)", token: server.centre)
            let answer = try await client.get("/v1/bookings/\(booking)/calendar.ics", token: server.centre)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("text/calendar") == true)
            #expect(answer.text.contains("METHOD:CANCEL"))
            #expect(answer.text.contains("\r\nUID:\(booking)@wegweiser\r\n"))
        }
    }

    @Test("a waitlisted booking has no calendar entry yet (409); an unknown booking's is 404")
    func waitlistedCalendar() async throws {
        let server = try APITestServer()
        try await server.test { client in
            let location = try await client.createLocation(token: server.provider)
            let course = try await client.createCourseId(token: server.provider, locationId: location, ["capacity": 1])
            let people = try await registerPeople(client, token: server.centre, count: 2)
            _ = try await client.bookedCourse(token: server.centre, participantId: people[0], courseId: course)
            let waiting = try #require(try await client.bookedCourse(token: server.centre, participantId: people[1], courseId: course)["id"] as? String)
            let answer = try await client.get("/v1/bookings/\(waiting)/calendar.ics", token: server.centre)
            #expect(isProblem(answer, .conflict, "waitlisted"))
            let unknown = try await client.get("/v1/bookings/bkg-unknown/calendar.ics", token: server.centre)
            #expect(isProblem(unknown, .notFound))
        }
    }
}
