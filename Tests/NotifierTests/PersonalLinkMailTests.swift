import Foundation
import SchedulingCore
import SMTPClient
import Store
import Testing
@testable import Notifier

/// Every mail about a booking carries the participant's personal link and names the centre's own
/// contact, never the sender.
@Suite struct PersonalLinkMailTests {
    static let base = "https://wegweiser.duisburg.example"

    @Test func everyKindCarriesOneLinkInTextAndHTMLAndTheCentresContact() async throws {
        let fixture = try NotifierFixture()
        let links = try PersonalLinks(database: fixture.database, now: NotifierFixture.now)
        let composer = MailComposer(
            database: fixture.database, templates: fixture.composer.templates, calendars: fixture.composer.calendars,
            sender: fixture.composer.sender, links: links, linkBase: LinkBase(Self.base + "/"))
        _ = try await fixture.database.updateContact(
            OrganisationContact(phone: "0203 555 3090", email: "beratung@awo.example.org"), organisationId: "centre")
        let held = try await fixture.book("p0", .course("course"))
        _ = try await fixture.book("p1", .course("course"))  // waits: one seat
        _ = try await fixture.engine.submit(.cancel(bookingId: held.id, by: .participant))  // cancelled, and p1 promoted
        var entries = try await fixture.database.mail(status: nil)
        var reminder = try #require(entries.last)
        reminder.kind = "reminder"
        entries.append(reminder)
        #expect(entries.map(\.kind) == ["confirmed", "waitlisted", "cancelled", "promoted", "reminder"])

        for entry in entries {
            let facts = try fixture.database.mailFacts(for: [(entry.bookingId, entry.participantId)])[0]
            let message = try composer.compose(entry, facts: facts, now: NotifierFixture.now)
            let found = message.textBody.components(separatedBy: Self.base + "/b/").count - 1
            #expect(found == 1, "\(entry.kind): \(message.textBody)")
            let link = try #require(message.textBody.firstMatch(of: /https:\/\/wegweiser\.duisburg\.example\/b\/[A-Za-z0-9_-]+/)).output
            #expect(message.htmlBody.contains("<a href=\"\(link)\">\(link)</a>"), "\(entry.kind)")
            #expect(try await links.verify(String(link.split(separator: "/").last!), now: NotifierFixture.now)?.bookingId == entry.bookingId)
            #expect(message.textBody.contains("0203 555 3090 · beratung@awo.example.org"), "\(entry.kind)")
            #expect(!message.textBody.contains(fixture.composer.sender.address), "\(entry.kind)")
        }
    }

    @Test func aCentreWithoutContactDetailsIsNamedWithoutADanglingColon() async throws {
        let fixture = try NotifierFixture()
        _ = try await fixture.book("p0", .course("course"))
        let entry = try #require(try await fixture.database.mail(status: nil).first)
        let facts = try fixture.database.mailFacts(for: [(entry.bookingId, entry.participantId)])[0]
        let message = try fixture.composer.compose(entry, facts: facts, now: NotifierFixture.now)
        #expect(message.textBody.contains("AWO Duisburg") && !message.textBody.contains("AWO Duisburg:"))
        #expect(!message.textBody.contains("/b/"))  // a composer without keys writes no link
    }

    @Test func someoneWithoutAnEmailAddressGetsNoMailAndTheRowIsDroppedNotFailed() async throws {
        let fixture = try NotifierFixture()
        let person = try ParticipantInput(
            name: "Fatima Noor", phone: "0176 5550123", preferredLanguage: "fa", languages: ["fa", "de"], gender: "female", district: "Mitte",
            lat: 51.43, lon: 6.76, level: "A1", consent: true
        ).validated(id: "p9", centreId: "centre", now: NotifierFixture.now)
        _ = try await fixture.engine.submit(.putParticipant(person))
        _ = try await fixture.book("p9", .slot("slot"))
        let entry = try #require(try await fixture.database.mail(status: nil).first)
        let facts = try fixture.database.mailFacts(for: [(entry.bookingId, entry.participantId)])[0]
        #expect(throws: MailComposer.Obsolete.self) { try fixture.composer.compose(entry, facts: facts, now: NotifierFixture.now) }
        let notifier = Notifier(
            database: fixture.database, composer: fixture.composer,
            transport: try FileMailTransport(directory: fixture.directory.appendingPathComponent("mail-out")), clock: { NotifierFixture.now })
        #expect(await notifier.drain() == Notifier.Report(dropped: 1))
        #expect(try await fixture.database.mail(status: .dropped).count == 1)
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("mail-out/outbox-1@wegweiser.example.org.eml").path))
    }
}
