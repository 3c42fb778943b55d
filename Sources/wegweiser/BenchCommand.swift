import ArgumentParser
import Foundation
import SchedulingCore
import WegweiserApp

/// `wegweiser bench …`: measurements of the real parts, one JSON line each (use a release build).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the booking engine, matching and mail (release build).",
        subcommands: [BenchBooking.self, BenchMatches.self, BenchMail.self])
}

struct BenchBooking: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "booking",
        abstract: "Concurrent submitters book through the engine with durable commits on a fresh database.")

    @Option(help: "Database file to create (default: a fresh file in the temporary directory).") var db: String?
    @Option(help: "Concurrent submitters.") var submitters = 64
    @Option(help: "Offers (courses) booked into; 10 is the hot case.") var offers = 1000
    @Option(help: "How long to run.") var seconds = 10.0
    @Option(help: "Participants to seed (default: enough for 150,000 bookings a second).") var participants: Int?
    @Option(help: "Run the notifier beside the engine, as serve does, writing each mail as an .eml file into this directory (new or empty).")
    var mailDir: String?
    @Option(help: "Directory holding Notifications/ and Calendars/, for --mail-dir (env WEGWEISER_RESOURCES).") var resources: String?
    @Flag(help: .hidden) var printAcks = false

    func validate() throws {
        guard submitters > 0, offers > 0, seconds > 0 else { throw ValidationError("submitters, offers and seconds must be positive") }
        if let participants, participants < submitters {
            throw ValidationError("--participants must be at least --submitters (\(submitters))")
        }
        if let db, FileManager.default.fileExists(atPath: db) { throw ValidationError("\(db) exists; the bench needs a fresh database") }
        if let mailDir, let entries = try? FileManager.default.contentsOfDirectory(atPath: mailDir), !entries.isEmpty {
            throw ValidationError("\(mailDir) is not empty; the bench writes its mail into an empty or new directory")
        }
    }

    func run() async throws {
        let path = db ?? FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-bench-\(UUID().uuidString).sqlite").path
        var bench = BookingBenchmark(databasePath: path, submitters: submitters, offers: offers, seconds: seconds)
        bench.participants = participants
        if let mailDir {
            bench.mail = (URL(fileURLWithPath: mailDir), try ResourceDirectory.locate(explicit: resources ?? Environment.value(forFlag: "resources")))
        }
        if printAcks {
            // One line per durable booking, written straight to the pipe: a crash test reads them.
            bench.acknowledged = { booking in
                FileHandle.standardOutput.write(Data("ack \(booking.id) \(booking.status.rawValue)\n".utf8))
            }
        }
        let result = try await bench.run()
        if db == nil {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}

struct BenchMail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Render and send confirmations with calendars over SMTP.")

    @Option(help: "The SMTP server, e.g. smtp://127.0.0.1:8027 (env WEGWEISER_SMTP_URL).") var smtpUrl: String?
    @Option(help: "How many confirmations.") var count = 2000
    @Option(help: "SMTP connections used side by side, each rendering its own share (the notifier's default is 4).") var connections = 4
    @Option(help: "Directory holding Notifications/ and Calendars/ (env WEGWEISER_RESOURCES).") var resources: String?

    func run() throws {
        guard let url = smtpUrl ?? Environment.value(forFlag: "smtp-url") else { throw ValidationError("--smtp-url is required") }
        guard count > 0 else { throw ValidationError("--count must be positive") }
        guard (1...64).contains(connections) else { throw ValidationError("--connections must be between 1 and 64") }
        let directory = try ResourceDirectory.locate(explicit: resources ?? Environment.value(forFlag: "resources"))
        let result = try MailBenchmark(smtpURL: url, count: count, connections: connections, resources: directory).run()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self))
    }
}
