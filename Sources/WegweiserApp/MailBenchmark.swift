import Foundation
import ICalendar
import Notifier
import SchedulingCore
import SMTPClient

/// `wegweiser bench mail`: renders and sends confirmations, each with its own template rendering,
/// calendar and MIME composition as the notifier does for real mail, over one or more SMTP
/// connections side by side, each on its own thread rendering its own share (as the notifier's lanes do).
public struct MailBenchmark: Sendable {
    public var smtpURL: String
    public var count: Int
    public var connections: Int
    public var resources: ResourceDirectory

    public init(smtpURL: String, count: Int, connections: Int = 4, resources: ResourceDirectory) {
        self.smtpURL = smtpURL
        self.count = count
        self.connections = connections
        self.resources = resources
    }

    public struct Result: Codable, Sendable {
        public let messagesPerSecond: Double
        public let sent: Int
        public let failed: Int
    }

    public func run() throws -> Result {
        let sample = try SampleConfirmation(
            templates: try TemplateLibrary(directory: resources.notifications),
            calendars: try HolidayCalendars.load(from: resources.calendars, region: "nrw"))
        let tallies = (0..<connections).map { _ in Tally() }
        let group = DispatchGroup()
        let started = ContinuousClock.now
        for (lane, tally) in tallies.enumerated() {
            let indices = Array(stride(from: lane, to: count, by: connections))
            DispatchQueue(label: "wegweiser.bench.mail\(lane)").async(group: group) { [smtpURL] in
                guard let connection = try? CurlSMTPConnection(url: smtpURL, startTLS: false) else {
                    tally.failed = indices.count
                    return
                }
                for index in indices {
                    do {
                        let message = try sample.message(index)
                        try connection.send(message, envelopeFrom: sample.sender.address, recipients: [message.to.address])
                        tally.sent += 1
                    } catch {
                        tally.failed += 1
                    }
                }
            }
        }
        group.wait()
        let seconds = started.duration(to: .now).milliseconds / 1000
        let sent = tallies.reduce(0) { $0 + $1.sent }, failed = tallies.reduce(0) { $0 + $1.failed }
        return Result(messagesPerSecond: (Double(sent) / seconds).rounded(), sent: sent, failed: failed)
    }
}

/// A course confirmation for one of a few participants in different scripts, built from scratch
/// for every message.
private struct SampleConfirmation: Sendable {
    let templates: TemplateLibrary
    let calendars: HolidayCalendars
    let sender = try! MailAddress("kurse@wegweiser.example.org", displayName: "Wegweiser Duisburg")
    let course = Course(
        id: "bench-course", providerId: "prov", title: "Integrationskurs A1", kind: .general, level: .a1, locationId: "loc",
        capacity: 20, womenOnly: false, childcare: true, startDate: LocalDate(iso: "2027-05-03")!, endDate: LocalDate(iso: "2027-07-30")!,
        weekdays: WeekdaySet([.monday, .thursday]), startTime: TimeOfDay(hour: 9, minute: 0)!, endTime: TimeOfDay(hour: 12, minute: 15)!)
    let location = Location(
        id: "loc", ownerId: "prov", name: "VHS-Zentrum Stadtmitte", address: "Münzstraße 31, 47051 Duisburg", district: "Mitte",
        coordinate: Coordinate(latitude: 51.43, longitude: 6.76), stepFree: true)
    let people = [("Ayşe Yılmaz", "tr"), ("محمد الأحمد", "ar"), ("Иван Петров", "bg"), ("Anna Kowalska", "pl"), ("Olena Kovalenko", "uk")]

    init(templates: TemplateLibrary, calendars: HolidayCalendars) throws {
        self.templates = templates
        self.calendars = calendars
    }

    func message(_ index: Int) throws -> MailMessage {
        let (name, language) = people[index % people.count]
        let email = "participant\(index)@example.org"
        let mail = templates.render(.confirmed, language: LanguageCode(language)!, values: MailValues(
            name: name, offerTitle: course.title, isCourse: true, date: "03.05.2027", time: "09:00–12:15", weekdays: "MO, TH",
            location: location.name, address: location.address, organisation: "AWO Duisburg", contact: sender.address))
        let booking = Booking(
            id: "bench-\(index)", participantId: "p\(index)", offer: .course(course.id), status: .confirmed,
            createdAt: Timestamp(secondsSinceEpoch: 1_800_000_000), updatedAt: Timestamp(secondsSinceEpoch: 1_800_000_000))
        let event = CalendarEvent(course: course, location: location, calendars: calendars, uid: "", stamp: booking.updatedAt)!
        let calendar = renderBookingCalendar(
            booking: booking, offerEvent: event, attendee: CalendarParticipant(name: name, email: email), zone: .europeBerlin,
            productId: "-//Wegweiser//Buchung//DE")
        return MailMessage(
            from: sender, to: try MailAddress(email, displayName: name), subject: mail.subject, date: Date(),
            messageId: MailMessage.messageId(outboxId: Int64(index), domain: "wegweiser.example.org"), textBody: mail.text,
            htmlBody: mail.html, languageCode: mail.language.code, isRightToLeft: mail.language.isRightToLeft,
            calendar: calendar.map { CalendarAttachment(text: $0, method: .request) })
    }
}

/// One connection's count; written by its own queue only and read after the group has finished.
private final class Tally: @unchecked Sendable {
    var sent = 0
    var failed = 0
}
