import Foundation
import HummingbirdTesting
import SchedulingCore
import Testing
import TestSupport

/// Spreadsheets uploaded on the workspaces, through the real router: checked whole, every bad row
/// named, nothing stored until a clean file is confirmed; the API reads back what was stored.
@Suite struct UploadTests {
    static let courseHeader = "id,provider,title,kind,level,locationId,capacity,womenOnly,childcare,startDate,endDate,weekdays,startTime,endTime,schoolHolidays"

    /// HTML text as a browser shows it.
    static func unescaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The value of the hidden field `name` of the form `form`, as the browser posts it back.
    static func hidden(_ name: String, in html: String, form: String) -> String? {
        Browser.field(name, in: html, form: form).map(unescaped)
    }

    /// The errors the page lists, as shown.
    static func errors(in html: String) -> [String] {
        CourseFormTests.items("upload-errors", in: html).map(unescaped)
    }

    @Test func aFileWithThreeBadLinesShowsAllThreeAndStoresNothing() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let form = try await browser.get("/provider/upload")
            #expect(form.status == .ok && form.html.contains("enctype=\"multipart/form-data\""))
            let csrf = try #require(Browser.field("csrf", in: form.html, form: "upload-form"))
            let before = fixture.server.engine.catalogue.coursesWithLocations.count
            let csv = """
                \(Self.courseHeader)
                up-1,prov-vhs,Abendkurs A2,general,A2,loc-vhs-mitte,12,false,false,2027-05-03,2027-06-28,MO;TH,18:00,20:15,false
                up-2,prov-vhs,Abendkurs B3,general,B3,loc-vhs-mitte,12,false,false,2027-05-03,2027-06-28,MO;TH,18:00,20:15,false
                up-3,prov-vhs,Morgenkurs A1,general,A1,loc-vhs-mitte,12,false,false,2027-05-03,2027-02-28,MO;TH,09:00,12:15,false
                up-4,prov-vhs,Kurs im fremden Haus,general,A1,loc-lh-obermeiderich,12,false,false,2027-05-03,2027-06-28,MO,09:00,12:15,false

                """
            let refused = try await browser.upload(
                "/provider/upload", [("csrf", csrf), ("kind", "courses")], file: Array(csv.utf8), fileName: "meine-kurse.csv")
            #expect(refused.status == .unprocessableContent)
            let errors = Self.errors(in: refused.html)
            #expect(errors.count == 3, "\(errors)")
            #expect(errors.count == 3 && errors[0].hasPrefix("Zeile 3: level: must be one of"))
            #expect(errors.count == 3 && errors[1].hasPrefix("Zeile 4: endDate: must not be before startDate"))
            #expect(errors.count == 3 && errors[2].hasPrefix("Zeile 5: locationId: 'loc-lh-obermeiderich' is not one of your places"))
            #expect(!refused.html.contains("id=\"upload-confirm\""))
            #expect(fixture.server.engine.catalogue.coursesWithLocations.count == before)
            #expect(fixture.server.engine.catalogue.course(id: "up-1") == nil)
        }
    }

    @Test func aCleanSemicolonFileWithAByteOrderMarkIsShownThenStoredOnConfirm() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("VHS"))
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/provider/upload").html, form: "upload-form"))
            // As a German spreadsheet saves "CSV UTF-8": a byte-order mark, semicolons, the weekdays quoted.
            let csv = """
                \(Self.courseHeader.replacingOccurrences(of: ",", with: ";"))
                up-1;prov-vhs;Abendkurs A2 „Alltag“;general;A2;loc-vhs-mitte;12;false;false;2027-05-03;2027-06-28;"MO;TH";18:00;20:15;false
                up-2;prov-vhs;Frauenkurs A1;women;A1;loc-vhs-mitte;10;true;true;2027-05-04;2027-06-29;TU;09:00;12:15;true
                """
            let shown = try await browser.upload(
                "/provider/upload", [("csrf", csrf), ("kind", "courses")], file: [0xEF, 0xBB, 0xBF] + Array(csv.utf8), fileName: "kurse.csv")
            #expect(shown.status == .ok)
            #expect(shown.html.contains("id=\"upload-count\">Kurse: 2<"))
            #expect(CourseFormTests.items("upload-rows", in: shown.html).count == 2)
            #expect(fixture.server.engine.catalogue.course(id: "up-1") == nil, "nothing is stored before the confirm")

            let text = try #require(Self.hidden("csv", in: shown.html, form: "upload-confirm"))
            let stored = try await browser.post("/provider/upload/confirm", [("csrf", csrf), ("kind", "courses"), ("csv", text)])
            #expect(stored.location == "/provider/upload?done=uploadStored")
            let first = try await CourseFormTests.apiCourse(client, "up-1")
            #expect(first["title"] as? String == "Abendkurs A2 „Alltag“" && first["weekdays"] as? [String] == ["MO", "TH"])
            let second = try await CourseFormTests.apiCourse(client, "up-2")
            #expect(second["womenOnly"] as? Bool == true && second["schoolHolidays"] as? Bool == true && second["capacity"] as? Int == 10)
            // The same file again: its ids are taken now, and it says so for every row.
            let again = try await browser.post("/provider/upload/confirm", [("csrf", csrf), ("kind", "courses"), ("csv", text)])
            #expect(again.status == .unprocessableContent && Self.errors(in: again.html).count == 2)
        }
    }

    @Test func aCentreUploadsItsParticipantsInTheSamplesFormat() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            let form = try await browser.get("/centre/upload")
            let csrf = try #require(Browser.field("csrf", in: form.html, form: "upload-form"))
            #expect(form.html.contains("value=\"participants\"") && !form.html.contains("value=\"courses\""))
            let csv = """
                id,centre,name,email,preferredLanguage,languages,gender,district,lat,lon,level,needsWomenOnly,needsChildcare,needsStepFree,availability,consent,registeredAt
                up-p1,centre-awo,Amina Yusuf,amina@example.org,ar,ar;de,female,Hamborn,51.49,6.77,A1,true,true,false,morning,true,2027-01-05T10:00:00+01:00
                up-p2,centre-caritas,Jan Nowak,jan@example.org,pl,pl;de,male,Mitte,51.43,6.76,A2,false,false,false,afternoon,true,2027-01-05T10:00:00+01:00
                """
            let refused = try await browser.upload(
                "/centre/upload", [("csrf", csrf), ("kind", "participants")], file: Array(csv.utf8), fileName: "leute.csv")
            #expect(Self.errors(in: refused.html) == ["Zeile 3: centre: must be your organisation 'centre-awo'"])

            let clean = try await browser.upload(
                "/centre/upload", [("csrf", csrf), ("kind", "participants")],
                file: Array(csv.split(separator: "\n").prefix(2).joined(separator: "\n").utf8), fileName: "leute.csv")
            let text = try #require(Self.hidden("csv", in: clean.html, form: "upload-confirm"))
            let stored = try await browser.post("/centre/upload/confirm", [("csrf", csrf), ("kind", "participants"), ("csv", text)])
            #expect(stored.location == "/centre/upload?done=uploadStored")
            let token = try #require(fixture.tokens["AWO"])
            let person = try await client.execute(uri: "/v1/participants/up-p1", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [String: Any]
            }
            #expect(person?["name"] as? String == "Amina Yusuf" && person?["preferredLanguage"] as? String == "ar")

            // A form without the session's token changes nothing.
            let forged = try await browser.upload(
                "/centre/upload", [("csrf", "forged"), ("kind", "participants")], file: Array(csv.utf8), fileName: "leute.csv")
            #expect(forged.status == .forbidden)
        }
    }
}
