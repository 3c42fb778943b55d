import Foundation
import Hummingbird
import HummingbirdTesting
import SchedulingCore
import Testing
@testable import WebPages

/// Staff keep their organisation's contact details, and register people without an email address.
@Suite struct ContactPageTests {
    @Test func aCentreEditsItsContactDetailsAndABadPhoneChangesNothing() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("Caritas"))
            let form = try await browser.get("/staff/contact")
            #expect(form.status == .ok && form.html.contains("value=\"0203 555 2870\""))  // from the samples
            let csrf = try #require(Browser.field("csrf", in: form.html, form: "contact-form"))

            let refused = try await browser.post("/staff/contact", [("csrf", csrf), ("phone", "call us"), ("email", "x@caritas.example.org")])
            #expect(refused.status == .unprocessableContent && refused.html.contains("phone") && refused.html.contains("value=\"call us\""))
            #expect(try await fixture.server.database.organisation(id: "centre-caritas")?.contact.phone == "0203 555 2870")

            let saved = try await browser.post("/staff/contact", [
                ("csrf", csrf), ("phone", "+49 203 555-2871"), ("email", "neu@caritas.example.org"), ("address", ""),
                ("openingHours", "Di 9–12 Uhr"),
            ])
            #expect(saved.status == .seeOther && saved.location == "/staff/contact?done=contactSaved")
            let contact = try #require(try await fixture.server.database.organisation(id: "centre-caritas")?.contact)
            #expect(contact == OrganisationContact(phone: "+49 203 555-2871", email: "neu@caritas.example.org", address: "", openingHours: "Di 9–12 Uhr"))
            #expect(try await browser.post("/staff/contact", [("csrf", "wrong"), ("phone", "1234")]).status == .forbidden)
        }
    }

    @Test func aCentreRegistersSomeoneByPhoneOnlyAndCanPrintTheirConfirmation() async throws {
        let fixture = try PageTestServer()
        try await fixture.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(try await fixture.staff("AWO"))
            let csrf = try #require(Browser.field("csrf", in: try await browser.get("/centre/participants/new").html))
            let registered = try await browser.post("/centre/participants", [
                ("csrf", csrf), ("name", "Hawre Ahmed"), ("email", ""), ("phone", "0176 555 0199"), ("preferredLanguage", "ckb"),
                ("languages", "ckb, de"), ("gender", "male"), ("district", "Mitte"), ("level", "A1"), ("consent", "true"),
            ])
            #expect(registered.status == .seeOther)
            let person = try #require(try await fixture.server.database.participants(centreId: "centre-awo").first { $0.name == "Hawre Ahmed" })
            #expect(person.email == nil && person.phone == "0176 555 0199")
            let page = try await browser.get("/centre/participants/\(person.id)").html
            #expect(page.contains("0176 555 0199") && !page.contains(">E-Mail</dt>"))

            let courseId = try #require(Browser.field("courseId", in: page))
            _ = try await browser.post("/centre/bookings", [("csrf", csrf), ("participantId", person.id), ("courseId", courseId)])
            let booking = try #require(try await fixture.server.database.activeBookings(participantId: person.id).first?.booking)
            let printed = try await browser.get("/centre/bookings/\(booking.id)/print")
            #expect(printed.status == .ok)
            // Sorani has no page words of its own: German, once, with the QR code of the link.
            #expect(printed.html.contains("<html lang=\"de\" dir=\"ltr\">") && printed.html.components(separatedBy: "<section class=\"sheet\"").count == 2)
            #expect(printed.html.contains("<svg") && printed.html.contains("role=\"img\"") && printed.html.contains("http://127.0.0.1:8080/b/"))
            #expect(printed.html.contains("Hawre Ahmed") && printed.html.contains("0203 555 3090"))
            // Another centre cannot print it.
            let other = Browser(client)
            _ = try await other.signIn(try await fixture.staff("Caritas"))
            #expect(try await other.get("/centre/bookings/\(booking.id)/print").status == .notFound)
        }
    }
}
