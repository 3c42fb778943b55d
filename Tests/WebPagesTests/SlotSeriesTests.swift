import Foundation
import HummingbirdTesting
import SchedulingCore
import Testing
import TestSupport

/// An advice centre sets up counselling hours in series and keeps a counsellor's day, through the
/// real router; the API reads back what was stored.
@Suite struct SlotSeriesTests {
    /// Thursday mornings of Frau Demir at the AWO in Marxloh, four 45-minute appointments each.
    static func series(_ changes: [(String, String)] = [], weekdays: [String] = ["TH"]) -> [(String, String)] {
        var fields: [String: String] = [
            "counsellor": "Frau Demir", "languages": "de, tr", "service": "mbe", "locationId": "loc-awo-marxloh", "startTime": "09:00",
            "endTime": "12:00", "slotMinutes": "45", "firstDate": "2027-04-29", "lastDate": "2027-05-27", "cancelUntilHours": "24",
        ]
        for (name, value) in changes { fields[name] = value }
        return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + weekdays.map { ("weekdays", $0) }
    }

    static func demir(_ fixture: PageTestServer) -> [Slot] {
        fixture.server.engine.catalogue.slotsWithLocations.map(\.slot).filter { $0.counsellor == "Frau Demir" }
    }

    @Test func thePreviewCountsTheSlotsAndNamesTheHolidaysAndSavingMakesAllOfThem() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            let form = try await browser.get("/centre/slots/new")
            #expect(form.status == .ok && form.html.contains("id=\"slot-series-form\""))
            let csrf = try #require(Browser.field("csrf", in: form.html, form: "slot-series-form"))

            let preview = try await browser.post("/centre/slots/new", [("csrf", csrf)] + Self.series() + [("preview", "true")])
            #expect(preview.status == .ok)
            // Five Thursdays; Ascension Day (6 May 2027) and Corpus Christi (27 May) have no hours.
            #expect(preview.html.contains("id=\"preview-count\">Termine: <strong>12</strong> (an Tagen: 3, 2027-04-29 – 2027-05-20)"))
            #expect(CourseFormTests.dates("preview-skipped", in: preview.html) == ["2027-05-06", "2027-05-27"])
            let skipped = CourseFormTests.items("preview-skipped", in: preview.html)
            #expect(skipped.first?.contains("Christi Himmelfahrt") == true && skipped.last?.contains("Fronleichnam") == true, "\(skipped)")
            #expect(Self.demir(fixture).isEmpty)

            let saved = try await browser.post("/centre/slots/new", [("csrf", csrf)] + Self.series() + [("save", "true")])
            #expect(saved.location == "/centre/slots?date=2027-04-29&counsellor=Frau%20Demir&done=slotsCreated")
            let token = try #require(fixture.tokens["AWO"])
            let listed = try await client.execute(
                uri: "/v1/slots?from=2027-04-29&to=2027-05-27&limit=500", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])["slots"] as? [[String: Any]] ?? []
            }
            let hers = listed.filter { $0["counsellor"] as? String == "Frau Demir" }
            #expect(hers.count == 12)
            #expect(hers.compactMap { $0["start"] as? String }.sorted().prefix(4) == [
                "2027-04-29T09:00:00+02:00", "2027-04-29T09:45:00+02:00", "2027-04-29T10:30:00+02:00", "2027-04-29T11:15:00+02:00",
            ])
            #expect(hers.allSatisfy { $0["languages"] as? [String] == ["de", "tr"] && $0["durationMinutes"] as? Int == 45 && $0["service"] as? String == "mbe" })
        }
    }

    @Test func aBrokenOrTooLargeSeriesIsRefusedWholeWithEveryFieldNamed() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/centre/slots/new").html, form: "slot-series-form"))
            let before = fixture.server.engine.catalogue.slotsWithLocations.count
            let broken = Self.series(
                [("counsellor", ""), ("languages", "deutsch"), ("endTime", "08:00"), ("lastDate", "2027-04-01"), ("locationId", "loc-vhs-mitte")],
                weekdays: [])
            let refused = try await browser.post("/centre/slots/new", [("csrf", csrf)] + broken + [("save", "true")])
            #expect(refused.status == .unprocessableContent)
            for (field, text) in [
                ("counsellor", "Bitte ausfüllen."), ("languages", "Bitte Sprachkürzel wie de, tr oder ar."),
                ("endTime", "Das Ende muss nach dem Beginn liegen."), ("lastDate", "Der letzte Tag liegt vor dem ersten."),
                ("weekdays", "Bitte mindestens einen Wochentag wählen."), ("locationId", "Bitte einen Ihrer Kursorte wählen."),
            ] {
                #expect(refused.html.contains("id=\"c-\(field)-error\">\(text)<"), "\(field)")
            }
            // Every weekday for a year, in five-minute slots: far more than one series may make.
            let huge = Self.series(
                [("startTime", "08:00"), ("endTime", "18:00"), ("slotMinutes", "5"), ("lastDate", "2028-04-27")],
                weekdays: ["MO", "TU", "WE", "TH", "FR"])
            let tooMany = try await browser.post("/centre/slots/new", [("csrf", csrf)] + huge + [("save", "true")])
            #expect(tooMany.status == .unprocessableContent && tooMany.html.contains("id=\"c-slotMinutes-error\">Das wären"))
            #expect(fixture.server.engine.catalogue.slotsWithLocations.count == before)
        }
    }

    @Test func theDayViewRemovesFreeSlotsAndKeepsBookedOnesForTheirCancellation() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/centre/slots/new").html, form: "slot-series-form"))
            _ = try await browser.post("/centre/slots/new", [("csrf", csrf)] + Self.series() + [("save", "true")])
            let first = try #require(Self.demir(fixture).min { $0.start < $1.start })
            // Someone of the AWO takes the first appointment.
            var holder: String?
            for person in try await fixture.server.database.participants(centreId: "centre-awo") where holder == nil {
                let decision = try await fixture.server.engine.submit(.book(BookingRequest(
                    bookingId: "bkg-\(person.id)", participantId: person.id, offer: .slot(first.id), centreId: "centre-awo")))
                if case .booking(let booking, _) = decision, booking.status == .confirmed { holder = person.name }
            }
            let name = try #require(holder)

            let day = try await browser.get("/centre/slots?date=2027-04-29&counsellor=Frau%20Demir")
            #expect(day.status == .ok)
            #expect(day.html.components(separatedBy: "<tr id=\"slot-").count - 1 == 4)
            #expect(day.html.contains("Gebucht von \(name)"))
            #expect(!day.html.contains("action=\"/centre/slots/\(first.id)/remove\""))
            let free = try #require(Self.demir(fixture).filter { $0.id != first.id }.min { $0.start < $1.start })
            #expect(day.html.contains("action=\"/centre/slots/\(free.id)/remove\""))

            let removed = try await browser.post("/centre/slots/\(free.id)/remove", [("csrf", csrf), ("counsellor", "Frau Demir")])
            #expect(removed.location == "/centre/slots?date=2027-04-29&counsellor=Frau%20Demir&done=slotRemoved")
            #expect(fixture.server.engine.catalogue.slot(id: free.id) == nil)
            #expect(try await fixture.server.database.loadLedger().slot(id: free.id) == nil)
            // The booked one stays until its booking is cancelled.
            let refused = try await browser.post("/centre/slots/\(first.id)/remove", [("csrf", csrf), ("counsellor", "Frau Demir")])
            #expect(refused.location == "/centre/slots?date=2027-04-29&counsellor=Frau%20Demir&problem=refused")
            #expect(try await browser.get(try #require(refused.location)).html.contains("class=\"problem\" role=\"alert\""))
            #expect(fixture.server.engine.catalogue.slot(id: first.id) != nil)
            #expect(try await browser.get("/centre/slots?date=2027-04-29&counsellor=Frau%20Demir").html
                .components(separatedBy: "<tr id=\"slot-").count - 1 == 3)
        }
    }
}
