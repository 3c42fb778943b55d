import Importing
import ArgumentParser
import Foundation
import SchedulingCore
import Store
import WegweiserApp

/// `wegweiser import`: locations, courses, slots and participants from CSV and JSON files.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import organisations, locations, courses, slots and participants from CSV or JSON files.",
        discussion: """
            A file's name says what it holds (courses.csv, participants-centre.json); Samples/ shows \
            every format. Each file is stored whole or not at all: a bad row is reported as \
            file:line: reason and nothing from that file is imported. A database that a running \
            `wegweiser serve` holds is refused.
            """)

    @Option(help: "The SQLite database (env WEGWEISER_DB).") var db: String?
    @Flag(help: "Import Samples/ into an empty database, dates moved so the first offer starts next week.")
    var samples = false
    @Option(help: "Directory holding Calendars/ and Samples/ (env WEGWEISER_RESOURCES).") var resources: String?
    @Option(help: "Holiday calendars to count sessions with: Calendars/holidays-REGION.ics.") var region = "nrw"
    @Option(help: "Where staff reach the server, for invitation links (default WEGWEISER_PUBLIC_URL, else http://127.0.0.1:8080).")
    var publicUrl: String?
    @Argument(help: "CSV or JSON files.") var files: [String] = []

    func validate() throws {
        if !samples && files.isEmpty { throw ValidationError("name the files to import, or pass --samples") }
    }

    func run() throws {
        let started = ContinuousClock.now
        // Before the database is even opened: a running server decides from its ledger in memory
        // and would never see what an import wrote behind it.
        let lock = try DatabaseLock.claim(Environment.database(db)) { path in
            "\(path) is in use by a running `wegweiser serve`; stop it first, or add the data through its HTTP API "
                + "(POST /v1/locations, /v1/courses, /v1/slots, /v1/participants; organisations with `wegweiser org create`). "
                + "Nothing was imported."
        }
        defer { lock.release() }
        let database = try AppDatabase(path: Environment.database(db))
        let bar = ProgressBar()
        var outcomes: [Importer.FileOutcome] = []
        if samples {
            let directory = try ResourceDirectory.locate(explicit: resources ?? Environment.value(forFlag: "resources"))
            do {
                let report = try SampleLoader(database: database, samples: directory.samples)
                    .load(now: SystemClock.now(), progress: bar.update)
                bar.finish()
                let weeks = abs(report.shiftDays / 7)
                let direction = report.shiftDays < 0 ? "earlier" : "later"
                print("Samples: dates moved \(weeks) weeks \(direction) so that the first offer starts next week.")
                outcomes += report.outcomes
                try printSessions(database: database, calendars: directory.calendars)
            } catch SampleLoadError.databaseNotEmpty {
                print("Samples not loaded: \(Environment.database(db)) already holds \(try database.counts()).")
            }
        }
        if !files.isEmpty {
            outcomes += Importer(database: database, now: SystemClock.now()).run(paths: files, progress: bar.update)
            bar.finish()
        }
        report(outcomes, seconds: started.duration(to: .now))
        try printTokens(outcomes)
        if outcomes.contains(where: { !$0.failures.isEmpty }) { throw ExitCode.failure }
    }

    /// How often the courses meet once holidays are left out: the calendars at work.
    private func printSessions(database: AppDatabase, calendars directory: URL) throws {
        let calendars = try HolidayCalendars.load(from: directory, region: region)
        let courses = try database.courses()
        let sessions = courses.reduce(0) { $0 + CourseSessions.dates(of: $1, calendars: calendars).count }
        let skipped = courses.reduce(0) { $0 + CourseSessions.skippedDates(of: $1, calendars: calendars).count }
        print("\(courses.count) courses meet on \(sessions) days; \(skipped) fall on holidays and are left out.")
    }

    private func report(_ outcomes: [Importer.FileOutcome], seconds: Duration) {
        guard !outcomes.isEmpty else { return }
        for outcome in outcomes {
            if outcome.failures.isEmpty {
                print("\(outcome.path): imported \(outcome.imported) \(outcome.kind?.rawValue ?? "rows")")
            } else {
                printError("\(outcome.path): rejected, nothing imported from it")
                for failure in outcome.failures { printError("  \(failure)") }
            }
        }
        let total = outcomes.reduce(0) { $0 + $1.imported }
        let ms = seconds.milliseconds
        print("Imported \(total) rows from \(outcomes.filter { $0.failures.isEmpty }.count) of \(outcomes.count) files in \(String(format: "%.0f", ms)) ms.")
    }

    private func printTokens(_ outcomes: [Importer.FileOutcome]) throws {
        let access = outcomes.flatMap(\.access)
        guard !access.isEmpty else { return }
        print("Tokens and first-admin invitations (shown once; only their hashes are stored):")
        for entry in access {
            print("  \(entry.organisation.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(entry.organisation.id.padding(toLength: 20, withPad: " ", startingAt: 0)) \(entry.token)")
            print("  \(String(repeating: " ", count: 34)) \(InvitationLink.make(entry.invitation, publicURL: publicUrl))")
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
