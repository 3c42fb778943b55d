import Foundation
import HummingbirdTesting
import SchedulingCore
import Testing
import TestSupport

/// A provider publishes and changes courses and places on the workspace's forms, through the real
/// router, and the API reads back what was stored.
@Suite struct CourseFormTests {
    /// An evening course at the VHS in May 2027, Mondays and Thursdays.
    static func course(_ changes: [(String, String)] = [], weekdays: [String] = ["MO", "TH"]) -> [(String, String)] {
        var fields: [String: String] = [
            "title": "Abendkurs B1", "kind": "general", "level": "B1", "locationId": "loc-vhs-mitte", "capacity": "14",
            "startDate": "2027-05-03", "endDate": "2027-05-28", "startTime": "18:00", "endTime": "20:15", "cancelUntilHours": "48",
        ]
        for (name, value) in changes { fields[name] = value }
        return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + weekdays.map { ("weekdays", $0) }
    }

    /// The list with `id`: up to its first closing `</ol>` or `</ul>`.
    static func list(_ id: String, in html: String) -> Substring {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        let rest = html[start.upperBound...]
        let ends = [rest.range(of: "</ol>"), rest.range(of: "</ul>")].compactMap { $0?.lowerBound }
        return rest[..<(ends.min() ?? rest.endIndex)]
    }

    /// The text of every item of the list with `id`.
    static func items(_ id: String, in html: String) -> [String] {
        list(id, in: html).components(separatedBy: "<li>").dropFirst().map {
            $0.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
        }
    }

    /// The dates (`<time datetime>`) of the list with `id`.
    static func dates(_ id: String, in html: String) -> [String] {
        list(id, in: html).matches(of: /datetime="([0-9-]+)"/).map { String($0.output.1) }
    }

    static func apiCourse(_ client: some TestClientProtocol, _ id: String) async throws -> [String: Any] {
        try await client.execute(uri: "/v1/courses/\(id)", method: .get) { response in
            try #require(response.status == .ok)
            return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        }
    }

    @Test func thePreviewNamesTheHolidaysItSkipsAndSavingPublishesWhatWasPreviewed() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let form = try await browser.get("/provider/courses/new")
            #expect(form.status == .ok && form.html.contains("id=\"course-form\""))
            let csrf = try #require(Browser.field("csrf", in: form.html, form: "course-form"))
            let before = fixture.server.engine.catalogue.coursesWithLocations.count

            let preview = try await browser.post("/provider/courses/new", [("csrf", csrf)] + Self.course() + [("preview", "true")])
            #expect(preview.status == .ok)
            // Ascension Day (Thursday 6 May 2027), Whit Monday (17 May) and Corpus Christi
            // (Thursday 27 May) are public holidays in NRW: the course skips them.
            #expect(Self.dates("preview-dates", in: preview.html) == ["2027-05-03", "2027-05-10", "2027-05-13", "2027-05-20", "2027-05-24"])
            #expect(Self.dates("preview-skipped", in: preview.html) == ["2027-05-06", "2027-05-17", "2027-05-27"])
            let skipped = Self.items("preview-skipped", in: preview.html)
            #expect(skipped.first?.contains("Christi Himmelfahrt") == true, "\(skipped)")
            #expect(skipped.contains { $0.contains("Pfingstmontag") } && skipped.contains { $0.contains("Fronleichnam") })
            // The form keeps what was typed, and a preview stores nothing.
            #expect(preview.html.contains("value=\"Abendkurs B1\"") && preview.html.contains("value=\"TH\" checked"))
            #expect(fixture.server.engine.catalogue.coursesWithLocations.count == before)

            let saved = try await browser.post("/provider/courses/new", [("csrf", csrf)] + Self.course() + [("save", "true")])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            let id = try #require(location.firstMatch(of: /\/provider\/courses\/([^\/]+)\/edit\?done=courseCreated/)).output.1
            let stored = try await Self.apiCourse(client, String(id))
            #expect(stored["title"] as? String == "Abendkurs B1" && stored["capacity"] as? Int == 14 && stored["level"] as? String == "B1")
            #expect(stored["weekdays"] as? [String] == ["MO", "TH"] && stored["startTime"] as? String == "18:00")
            #expect(stored["cancelUntilHours"] as? Int == 48 && stored["schoolHolidays"] as? Bool == false)
            #expect(stored["sessions"] as? [String] == ["2027-05-03", "2027-05-10", "2027-05-13", "2027-05-20", "2027-05-24"])
            #expect(try await browser.get(location).html.contains("class=\"notice\""))
        }
    }

    @Test func aCourseThatPausesInSchoolHolidaysSkipsTheAutumnHolidaysByName() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/provider/courses/new").html, form: "course-form"))
            let autumn = Self.course(
                [("startDate", "2027-10-18"), ("endDate", "2027-11-12")], weekdays: ["MO", "TU", "WE", "TH", "FR"])
            let plain = try await browser.post("/provider/courses/new", [("csrf", csrf)] + autumn + [("preview", "true")])
            // Without the pause only All Saints' Day (Monday 1 November) is left out.
            #expect(Self.dates("preview-skipped", in: plain.html) == ["2027-11-01"])
            #expect(Self.dates("preview-dates", in: plain.html).count == 19)

            let pausing = try await browser.post(
                "/provider/courses/new", [("csrf", csrf)] + autumn + [("schoolHolidays", "true"), ("preview", "true")])
            // NRW's autumn holidays 2027 run from 23 October to 6 November.
            #expect(Self.dates("preview-dates", in: pausing.html) == [
                "2027-10-18", "2027-10-19", "2027-10-20", "2027-10-21", "2027-10-22",
                "2027-11-08", "2027-11-09", "2027-11-10", "2027-11-11", "2027-11-12",
            ])
            let skipped = Self.items("preview-skipped", in: pausing.html)
            #expect(skipped.count == 10)
            #expect(skipped.first?.contains("Herbstferien") == true, "\(skipped)")
            #expect(pausing.html.contains("name=\"schoolHolidays\" value=\"true\" checked"))
        }
    }

    @Test func brokenFieldsAreNamedBesideThemInThePagesLanguageAndNothingIsStored() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/provider/courses/new").html, form: "course-form"))
            let before = fixture.server.engine.catalogue.coursesWithLocations.count
            let broken = Self.course(
                [("title", " "), ("capacity", "zwölf"), ("endDate", "2027-04-30"), ("endTime", "17:00"), ("locationId", "loc-lh-obermeiderich")],
                weekdays: [])
            let refused = try await browser.post("/provider/courses/new", [("csrf", csrf)] + broken + [("save", "true")])
            #expect(refused.status == .unprocessableContent)
            func error(_ field: String, in html: String) -> String? {
                guard let start = html.range(of: "id=\"c-\(field)-error\">") else { return nil }
                return String(html[start.upperBound...].prefix { $0 != "<" })
            }
            #expect(error("title", in: refused.html) == "Bitte ausfüllen.")
            #expect(error("capacity", in: refused.html) == "Bitte eine ganze Zahl.")
            #expect(error("endDate", in: refused.html) == "Der letzte Tag liegt vor dem ersten.")
            #expect(error("weekdays", in: refused.html) == "Bitte mindestens einen Wochentag wählen.")
            #expect(error("endTime", in: refused.html) == "Das Ende muss nach dem Beginn liegen.")
            // Another provider's place is not one to choose.
            #expect(error("locationId", in: refused.html) == "Bitte einen Ihrer Kursorte wählen.")
            #expect(refused.html.contains("aria-invalid=\"true\" aria-describedby=\"c-title-error\""))
            #expect(fixture.server.engine.catalogue.coursesWithLocations.count == before)

            browser.language = "en"
            let english = try await browser.post(
                "/provider/courses/new", [("csrf", csrf)] + Self.course([("capacity", "0"), ("level", "none")]) + [("save", "true")])
            #expect(error("capacity", in: english.html) == "Please enter a number from 1 to 100000.")
            #expect(error("level", in: english.html) == "Only literacy courses are for no German yet.")
            #expect(fixture.server.engine.catalogue.coursesWithLocations.count == before)

            // Without the session's CSRF token nothing happens at all.
            let forged = try await browser.post("/provider/courses/new", [("csrf", "forged")] + Self.course() + [("save", "true")])
            #expect(forged.status == .forbidden)
            #expect(fixture.server.engine.catalogue.coursesWithLocations.count == before)
        }
    }

    @Test func aPublishedCourseChangesTitleSeatsChildcareAndNoticeWindowAndNoMore() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let course = try #require(fixture.server.engine.catalogue.coursesWithLocations.first { $0.course.providerId == "prov-vhs" }?.course)
            // Two seats taken, by whoever the course admits, so that fewer seats can be refused.
            var confirmed = 0
            for person in try await fixture.server.database.participants(centreId: nil) where confirmed < 2 {
                let decision = try await fixture.server.engine.submit(
                    .book(BookingRequest(bookingId: "bkg-\(person.id)", participantId: person.id, offer: .course(course.id))))
                if case .booking(let booking, _) = decision, booking.status == .confirmed { confirmed += 1 }
            }
            try #require(confirmed == 2)
            let page = try await browser.get("/provider/courses/\(course.id)/edit")
            #expect(page.status == .ok && page.html.contains("value=\"\(course.capacity)\""))
            let csrf = try #require(Browser.field("csrf", in: page.html, form: "course-edit"))
            let changed = try await browser.post("/provider/courses/\(course.id)/edit", [
                ("csrf", csrf), ("title", "Integrationskurs A1 (Vormittag)"), ("capacity", "\(course.capacity + 2)"), ("childcare", "true"),
                ("cancelUntilHours", "72"),
            ])
            #expect(changed.location == "/provider/courses/\(course.id)/edit?done=courseChanged")
            let stored = try await Self.apiCourse(client, course.id)
            #expect(stored["title"] as? String == "Integrationskurs A1 (Vormittag)" && stored["capacity"] as? Int == course.capacity + 2)
            #expect(stored["childcare"] as? Bool == true && stored["cancelUntilHours"] as? Int == 72)
            #expect(stored["startDate"] as? String == course.startDate.description)

            // Fewer seats than are booked: the engine's refusal is shown and nothing changes.
            let refused = try await browser.post("/provider/courses/\(course.id)/edit", [
                ("csrf", csrf), ("title", "Neu"), ("capacity", "1"), ("cancelUntilHours", "24"),
            ])
            #expect(refused.status == .conflict && refused.html.contains("class=\"problem\""))
            #expect(try await Self.apiCourse(client, course.id)["title"] as? String == "Integrationskurs A1 (Vormittag)")
            let invalid = try await browser.post("/provider/courses/\(course.id)/edit", [
                ("csrf", csrf), ("title", ""), ("capacity", "\(course.capacity)"), ("cancelUntilHours", "1000"),
            ])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.html.contains("id=\"c-cancelUntilHours-error\">Bitte eine Zahl von 0 bis 720.<"))
            #expect(invalid.html.contains("id=\"c-title-error\">Bitte ausfüllen.<"))
            #expect(try await Self.apiCourse(client, course.id)["cancelUntilHours"] as? Int == 72)

            // Another provider's course is not there for this one.
            let other = try #require(fixture.server.engine.catalogue.coursesWithLocations.first { $0.course.providerId != "prov-vhs" }?.course)
            #expect(try await browser.get("/provider/courses/\(other.id)/edit").status == .notFound)
        }
    }

    @Test func aPlaceTakesItsDistrictsMiddleUnlessCoordinatesAreGivenAndItsCoursesFollowAChange() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let form = try await browser.get("/provider/locations/new")
            let csrf = try #require(Browser.field("csrf", in: form.html, form: "location-form"))
            #expect(form.html.contains("<option value=\"Homberg/Ruhrort/Baerl\">"))

            let wrong = try await browser.post("/provider/locations/new", [
                ("csrf", csrf), ("name", "Treffpunkt"), ("address", "Weseler Straße 1, 47169 Duisburg"), ("district", "Marxloh"), ("lat", "51,5x"),
            ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.html.contains("id=\"c-district-error\">Bitte einen dieser Werte wählen: Walsum, Hamborn"))
            #expect(wrong.html.contains("id=\"c-lat-error\">Bitte eine Dezimalzahl wie 51,43.<"))

            let created = try await browser.post("/provider/locations/new", [
                ("csrf", csrf), ("name", "Bürgerhaus Hamborn"), ("address", "Duisburger Straße 213, 47166 Duisburg"), ("district", "Hamborn"),
            ])
            #expect(created.location == "/provider/locations?done=locationCreated")
            let places = try await fixture.server.database.locations(ownerId: "prov-vhs")
            let place = try #require(places.first { $0.name == "Bürgerhaus Hamborn" })
            #expect(place.coordinate == CityDistrict.named("Hamborn")?.centre && place.stepFree == false)
            #expect(try await browser.get("/provider/locations").html.contains("Bürgerhaus Hamborn"))

            // A course there, then the place changes: step-free now, with its own coordinates.
            let courseCSRF = try #require(Browser.field("csrf", in: try await browser.get("/provider/courses/new").html, form: "course-form"))
            let saved = try await browser.post(
                "/provider/courses/new", [("csrf", courseCSRF)] + Self.course([("locationId", place.id)]) + [("save", "true")])
            let id = try #require(saved.location?.firstMatch(of: /\/provider\/courses\/([^\/]+)\/edit/)).output.1
            let edit = try await browser.post("/provider/locations/\(place.id)/edit", [
                ("csrf", csrf), ("name", "Bürgerhaus Hamborn"), ("address", "Duisburger Straße 213, 47166 Duisburg"), ("district", "Hamborn"),
                ("stepFree", "true"), ("lat", "51.4904"), ("lon", "6.7675"),
            ])
            #expect(edit.location == "/provider/locations?done=locationChanged")
            let course = try await Self.apiCourse(client, String(id))
            #expect(course["stepFree"] as? Bool == true)
            let changed = try #require(try await fixture.server.database.location(id: place.id))
            #expect(changed.coordinate == Coordinate(latitude: 51.4904, longitude: 6.7675))
            // Another provider's place cannot be opened.
            #expect(try await browser.get("/provider/locations/loc-lh-obermeiderich/edit").status == .notFound)
        }
    }

    @Test func withdrawingACourseBeforeItBeginsCancelsEveryBookingWithMailAndTakesItOffTheCatalogue() async throws {
        let clock = TestClock(PageTestServer.now)
        let fixture = try PageTestServer(clock: clock.now)
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/provider/courses/new").html, form: "course-form"))
            let saved = try await browser.post("/provider/courses/new", [("csrf", csrf)] + Self.course([("capacity", "2")]) + [("save", "true")])
            let id = String(try #require(saved.location?.firstMatch(of: /\/provider\/courses\/([^\/]+)\/edit/)).output.1)
            // Two seats taken and one person waiting, by whoever the course admits.
            var held: [Booking] = []
            for person in try await fixture.server.database.participants(centreId: nil) where held.count < 3 {
                let decision = try await fixture.server.engine.submit(
                    .book(BookingRequest(bookingId: "bkg-\(person.id)", participantId: person.id, offer: .course(id))))
                if case .booking(let booking, _) = decision { held.append(booking) }
            }
            try #require(held.map(\.status) == [.confirmed, .confirmed, .waitlisted])
            let mailBefore = try await fixture.server.database.mail(status: nil).count

            let page = try await browser.get("/provider/courses/\(id)/edit")
            #expect(page.html.contains("id=\"course-withdraw\""))
            let unconfirmed = try await browser.post("/provider/courses/\(id)/withdraw", [("csrf", csrf)])
            #expect(unconfirmed.status == .unprocessableContent && unconfirmed.html.contains("id=\"c-confirm-error\">Bitte bestätigen Sie"))
            #expect(fixture.server.engine.catalogue.course(id: id) != nil)

            let withdrawn = try await browser.post("/provider/courses/\(id)/withdraw", [("csrf", csrf), ("confirm", "true")])
            #expect(withdrawn.location == "/provider?done=courseWithdrawn")
            #expect(try await client.execute(uri: "/v1/courses/\(id)", method: .get) { $0.status } == .notFound)
            for booking in held {
                let line = try #require(try await fixture.server.database.bookingLine(id: booking.id))
                #expect(line.booking.status == .cancelled && line.booking.cancelledBy == .provider)
            }
            // One cancellation mail to each, the person waiting included, and no promotion on the way.
            let mail = try await fixture.server.database.mail(status: nil).dropFirst(mailBefore)
            #expect(mail.map(\.kind) == ["cancelled", "cancelled", "cancelled"])
            #expect(Set(mail.map(\.bookingId)) == Set(held.map(\.id)))
            // The stored state agrees: a ledger loaded afresh knows no such course.
            #expect(try await fixture.server.database.loadLedger().course(id: id) == nil)

            // A course that has begun keeps its people: the first VHS course, a day after it began.
            let begun = try #require(fixture.server.engine.catalogue.coursesWithLocations.map(\.course)
                .filter { $0.providerId == "prov-vhs" }.min { $0.startDate < $1.startDate })
            let dayAfter = try #require(Timestamp(rfc3339: "\(begun.startDate.adding(days: 1))T12:00:00+01:00"))
            clock.advance(seconds: dayAfter.secondsSinceEpoch - clock.now().secondsSinceEpoch)
            _ = try await browser.signIn(try await fixture.staff("VHS"))  // the session ran out meanwhile
            let edit = try await browser.get("/provider/courses/\(begun.id)/edit")
            let fresh = try #require(Browser.field("csrf", in: edit.html, form: "course-withdraw"))
            let refused = try await browser.post("/provider/courses/\(begun.id)/withdraw", [("csrf", fresh), ("confirm", "true")])
            #expect(refused.status == .conflict && refused.html.contains("class=\"problem\""))
            #expect(fixture.server.engine.catalogue.course(id: begun.id) != nil)
        }
    }

    @Test func anotherOrganisationsCoursesPlacesAndSlotsStayAsTheyAreAndForgedFormsDoNothing() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let catalogue = { fixture.server.engine.catalogue }
            let own = try #require(catalogue().coursesWithLocations.first { $0.course.providerId == "prov-vhs" }?.course)
            let other = try #require(catalogue().coursesWithLocations.first { $0.course.providerId != "prov-vhs" }?.course)
            let vhs = Browser(client)
            _ = try await vhs.signIn(try await fixture.staff("VHS"))
            let csrf = try #require(Browser.field("csrf", in: try await vhs.get("/provider/courses/\(own.id)/edit").html, form: "course-edit"))
            let edit = try await vhs.post("/provider/courses/\(other.id)/edit", [("csrf", csrf), ("title", "Gekapert"), ("capacity", "1"), ("cancelUntilHours", "0")])
            #expect(edit.status == .notFound && catalogue().course(id: other.id)?.title == other.title)
            let withdraw = try await vhs.post("/provider/courses/\(other.id)/withdraw", [("csrf", csrf), ("confirm", "true")])
            #expect(withdraw.status == .notFound && catalogue().course(id: other.id) != nil)
            let place = try await vhs.post("/provider/locations/loc-lh-obermeiderich/edit", [
                ("csrf", csrf), ("name", "Gekapert"), ("address", "Irgendwo 1"), ("district", "Mitte"),
            ])
            let untouched = try await fixture.server.database.location(id: "loc-lh-obermeiderich")
            #expect(place.status == .notFound && untouched?.name != "Gekapert")
            let forged = try await vhs.post("/provider/courses/\(own.id)/withdraw", [("csrf", "forged"), ("confirm", "true")])
            #expect(forged.status == .forbidden && catalogue().course(id: own.id) != nil)

            let awo = Browser(client)
            _ = try await awo.signIn(try await fixture.staff("AWO"))
            let centreCSRF = try #require(Browser.field("csrf", in: try await awo.get("/centre/slots/new").html, form: "slot-series-form"))
            let ownSlot = try #require(catalogue().slotsWithLocations.first { $0.slot.centreId == "centre-awo" }?.slot)
            let otherSlot = try #require(catalogue().slotsWithLocations.first { $0.slot.centreId != "centre-awo" }?.slot)
            #expect(try await awo.post("/centre/slots/\(otherSlot.id)/remove", [("csrf", centreCSRF)]).status == .notFound)
            #expect(try await awo.post("/centre/slots/\(ownSlot.id)/remove", [("csrf", "forged")]).status == .forbidden)
            #expect(catalogue().slot(id: otherSlot.id) != nil && catalogue().slot(id: ownSlot.id) != nil)
            let confirm = try await awo.post("/centre/upload/confirm", [
                ("csrf", "forged"), ("kind", "participants"),
                ("csv", "id,centre,name,preferredLanguage,languages,gender,district,lat,lon,level,consent\nx-1,centre-awo,X,de,de,female,Mitte,51.4,6.7,A1,true"),
            ])
            let stored = try await fixture.server.database.participant(id: "x-1")
            #expect(confirm.status == .forbidden && stored == nil)
        }
    }
}
