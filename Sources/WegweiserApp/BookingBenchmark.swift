import BookingEngine
import Foundation
import Notifier
import SchedulingCore
import SMTPClient
import Store

/// `wegweiser bench booking`: many concurrent submitters against the real engine on a fresh
/// database file with durable commits.
///
/// Offers are courses on distinct days, so no booking clashes with another and every request is
/// a real decision (confirmed or waitlisted); each submitter walks its own participants through
/// the offers so that no one books the same offer twice. Seeding is not timed.
public struct BookingBenchmark: Sendable {
    public var databasePath: String
    public var submitters: Int
    public var offers: Int
    public var seconds: Double
    /// Seats per course; later bookings are waitlisted, which is written just as durably.
    public var capacity = 25
    /// Participants to seed; nil sizes them for the run (`defaultParticipantCount`).
    public var participants: Int?
    /// Called with every acknowledged booking (for the crash test), from the submitter's task.
    public var acknowledged: (@Sendable (Booking) -> Void)?
    /// With mail: the notifier runs beside the engine as in `serve`, told of its commits, and
    /// writes every booking's mail as an `.eml` file into this directory.
    public var mail: (directory: URL, resources: ResourceDirectory)?

    public init(databasePath: String, submitters: Int, offers: Int, seconds: Double) {
        self.databasePath = databasePath
        self.submitters = submitters
        self.offers = offers
        self.seconds = seconds
    }

    public struct Result: Sendable, Codable {
        public let bookingsPerSecond: Double
        public let p50Ms: Double
        public let p99Ms: Double
        public let meanBatch: Double
        public let meanCommitMs: Double
        public let bookings: Int
        public let rejected: Int
        public let submitters: Int
        public let offers: Int
        public let seconds: Double
        /// With mail only: mails written while bookings were made, and after them until every
        /// booking had its mail.
        public var mailDuringRun: Int?
        public var mailAfterRun: Int?
        /// Seconds from the end of the run until the outbox was empty.
        public var mailCatchUpSeconds: Double?
    }

    /// A participant books at most this many offers, as people hold a handful of bookings, not
    /// hundreds: per-person work in the ledger stays what it is in real use.
    var offersPerParticipant: Int { min(offers, 20) }

    /// Enough participants that none runs out of offers within the run, at up to 150k bookings/s.
    var defaultParticipantCount: Int {
        min(1_000_000, max(2 * submitters, Int(seconds * 150_000) / offersPerParticipant + submitters))
    }

    var participantCount: Int { participants ?? defaultParticipantCount }

    public func run() async throws -> Result {
        let database = try AppDatabase(path: databasePath)
        let now = SystemClock.now()
        try seed(database, now: now)
        let notifier = try mail.map { try makeNotifier(database, directory: $0.directory, resources: $0.resources) }
        let engine = try BookingEngine(database: database, clock: SystemClock.now) { commit in
            notifier?.bookingsCommitted(busy: commit.busy, queuedMail: commit.changes.queuedMail)
        }
        let notifying = notifier.map { notifier in Task { try await notifier.run() } }
        let participants = participantCount
        let offers = self.offers
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        let started = ContinuousClock.now
        let acknowledged = self.acknowledged
        // Made once, so the submitters measure the engine rather than string formatting.
        let participantIds = (0..<participants).map { "p\($0)" }
        let courseIds = (0..<offers).map { "c\($0)" }
        let perSubmitter = try await withThrowingTaskGroup(of: (latencies: [Double], rejected: Int).self) { group in
            for submitter in 0..<submitters {
                group.addTask {
                    var latencies: [Double] = []
                    var rejected = 0
                    let own = Array(stride(from: submitter, to: participants, by: submitters))
                    var turn = 0
                    while ContinuousClock.now < deadline {
                        let person = own[turn % own.count]
                        let round = turn / own.count
                        turn += 1
                        // 7919 is prime, so a participant meets every offer once before repeating.
                        let offer = (person + round * 7919) % offers
                        let request = BookingRequest(
                            bookingId: Identifier.timeOrdered(prefix: "bkg"), participantId: participantIds[person],
                            offer: .course(courseIds[offer]))
                        let sent = ContinuousClock.now
                        let decision = try await engine.submit(.book(request))
                        latencies.append(Self.milliseconds(sent.duration(to: .now)))
                        if case .booking(let booking, _) = decision { acknowledged?(booking) } else { rejected += 1 }
                    }
                    return (latencies, rejected)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let elapsed = Self.milliseconds(started.duration(to: .now)) / 1000
        var mailDuringRun: Int?, mailAfterRun: Int?, mailCatchUpSeconds: Double?
        if let notifier, let notifying {
            mailDuringRun = await notifier.statistics.sent
            let ended = ContinuousClock.now
            // Mail held back during the run goes out on the notifier's tick once the storm is over.
            let deadline = ended + Self.mailCatchUpLimit
            while try await database.pendingMailCount() > 0 {
                guard ContinuousClock.now < deadline else { throw MailDidNotCatchUp(limit: Self.mailCatchUpLimit) }
                try await Task.sleep(for: .milliseconds(50))
            }
            mailCatchUpSeconds = Self.round(Self.milliseconds(ended.duration(to: .now)) / 1000)
            notifying.cancel()
            try await notifying.value
            mailAfterRun = await notifier.statistics.sent - (mailDuringRun ?? 0)
        }
        let latencies = perSubmitter.flatMap(\.latencies).sorted()
        let rejected = perSubmitter.reduce(0) { $0 + $1.rejected }
        let statistics = await engine.statistics
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        let bookings = latencies.count - rejected
        return Result(
            bookingsPerSecond: (Double(bookings) / elapsed).rounded(), p50Ms: Self.round(percentile(0.5)),
            p99Ms: Self.round(percentile(0.99)), meanBatch: Self.round(statistics.meanBatch),
            meanCommitMs: Self.round(statistics.meanWriteMs), bookings: bookings,
            rejected: rejected, submitters: submitters, offers: offers, seconds: Self.round(elapsed),
            mailDuringRun: mailDuringRun, mailAfterRun: mailAfterRun, mailCatchUpSeconds: mailCatchUpSeconds)
    }

    /// A notifier that cannot send (a full disk) would otherwise keep the bench waiting for good.
    static let mailCatchUpLimit = Duration.seconds(600)

    struct MailDidNotCatchUp: Error, CustomStringConvertible {
        let limit: Duration
        var description: String { "mail was still pending \(limit) after the run; see the outbox's lastError" }
    }

    private func makeNotifier(_ database: AppDatabase, directory: URL, resources: ResourceDirectory) throws -> Notifier {
        let composer = MailComposer(
            database: database, templates: try TemplateLibrary(directory: resources.notifications),
            calendars: try HolidayCalendars.load(from: resources.calendars, region: "nrw"),
            sender: try MailAddress("kurse@wegweiser.example.org", displayName: "Wegweiser"))
        return Notifier(
            database: database, composer: composer, transports: [try FileMailTransport(directory: directory)],
            reminders: nil, clock: SystemClock.now)
    }

    /// One provider, one centre, one location, the courses and the participants, in one transaction.
    func seed(_ database: AppDatabase, now: Timestamp) throws {
        var batch = ImportBatch()
        batch.organisations = [
            Organisation(id: "bench-provider", kind: .provider, name: "Bench provider"),
            Organisation(id: "bench-centre", kind: .adviceCentre, name: "Bench centre"),
        ]
        let location = Location(
            id: "bench-location", ownerId: "bench-provider", name: "Bench", address: "Königstraße 1, 47051 Duisburg",
            district: "Mitte", coordinate: Coordinate(latitude: 51.4344, longitude: 6.7623), stepFree: true)
        batch.locations = [location]
        let tomorrow = CivilZone.europeBerlin.local(now).date.adding(days: 1)
        batch.courses = (0..<offers).map { index in
            let day = tomorrow.adding(days: index)
            return Course(
                id: "c\(index)", providerId: "bench-provider", title: "Bench course \(index)", kind: .general, level: .a1,
                locationId: location.id, capacity: capacity, womenOnly: false, childcare: false, startDate: day,
                endDate: day, weekdays: WeekdaySet(Weekday.allCases), startTime: TimeOfDay(hour: 9, minute: 0)!,
                endTime: TimeOfDay(hour: 12, minute: 0)!)
        }
        batch.participants = (0..<participantCount).map { index in
            Participant(
                id: "p\(index)", centreId: "bench-centre", name: "Participant \(index)", email: "p\(index)@example.org",
                preferredLanguage: .german, languages: [.german], gender: .unspecified, district: "Mitte",
                coordinate: location.coordinate, level: .a1, needs: Needs(), availability: Set(DayPart.allCases),
                registeredAt: now)
        }
        try database.insert(batch, now: now)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        duration.milliseconds
    }

    static func round(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
