import Foundation
import ICalendar
import Notifier
import SchedulingCore
import SMTPClient

/// `wegweiser bench mail`: renders and sends confirmations over one SMTP connection, each with its
/// own template rendering, calendar and MIME composition, as the notifier does for real mail.
public struct MailBenchmark: Sendable {
    public var smtpURL: String
    public var count: Int
    public var resources: ResourceDirectory

    public init(smtpURL: String, count: Int, resources: ResourceDirectory) {
        self.smtpURL = smtpURL
        self.count = count
        self.resources = resources
    }

    public struct Result: Codable, Sendable {
        public let messagesPerSecond: Double
        public let sent: Int
        public let failed: Int
    }

    public func run() throws -> Result {
        let templates = try TemplateLibrary(directory: resources.notifications)
        let calendars = try HolidayCalendars.load(from: resources.calendars, region: "nrw")
        let connection = try CurlSMTPConnection(url: smtpURL, startTLS: false)
        let sender = try MailAddress("kurse@wegweiser.example.org", displayName: "Wegweiser Duisburg")
        let course = Course(
            id: "bench-course", providerId: "prov", title: "Integrationskurs A1", kind: .general, level: .a1, locationId: "loc",
            capacity: 20, womenOnly: false, childcare: true, startDate: LocalDate(iso: "2027-05-03")!, endDate: LocalDate(iso: "2027-07-30")!,
            weekdays: WeekdaySet([.monday, .thursday]), startTime: TimeOfDay(hour: 9, minute: 0)!, endTime: TimeOfDay(hour: 12, minute: 15)!)
        let location = Location(
            id: "loc", ownerId: "prov", name: "VHS-Zentrum Stadtmitte", address: "Münzstraße 31, 47051 Duisburg", district: "Mitte",
            coordinate: Coordinate(latitude: 51.43, longitude: 6.76), stepFree: true)
        let people = [("Ayşe Yılmaz", "tr"), ("محمد الأحمد", "ar"), ("Иван Петров", "bg"), ("Anna Kowalska", "pl"), ("Olena Kovalenko", "uk")]
        let started = ContinuousClock.now
        var sent = 0, failed = 0
        for index in 0..<count {
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
            let message = MailMessage(
                from: sender, to: try MailAddress(email, displayName: name), subject: mail.subject, date: Date(),
                messageId: MailMessage.messageId(outboxId: Int64(index), domain: "wegweiser.example.org"), textBody: mail.text,
                htmlBody: mail.html, languageCode: mail.language.code, isRightToLeft: mail.language.isRightToLeft,
                calendar: calendar.map { CalendarAttachment(text: $0, method: .request) })
            do {
                try connection.send(message, envelopeFrom: sender.address, recipients: [email])
                sent += 1
            } catch {
                failed += 1
            }
        }
        let seconds = started.duration(to: .now).milliseconds / 1000
        return Result(messagesPerSecond: (Double(sent) / seconds).rounded(), sent: sent, failed: failed)
    }
}
