import Foundation
import GRDB
import SchedulingCore
import Store
import Synchronization
import Testing
import TestSupport

/// Data protection through the built server and the files it writes: erasure that leaves no
/// byte of a person behind, private files, resources never taken from a planted folder, and a
/// backup taken during a booking storm that holds every booking acknowledged before it.
@Suite(.serialized) struct DataProtectionEndToEndTests {
    /// Every regular file under `directory`, with its bytes.
    static func files(under directory: URL) -> [(path: String, bytes: Data)] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { item -> (String, Data)? in
            guard let url = item as? URL, (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  let data = FileManager.default.contents(atPath: url.path) else { return nil }
            return (url.path, data)
        }
    }

    /// The files under `directory` that hold `needle` as UTF-8 bytes.
    static func holders(of needle: String, under directory: URL) -> [String] {
        files(under: directory).filter { $0.bytes.range(of: Data(needle.utf8)) != nil }.map(\.path)
    }

    /// A folder of `scratch` for one server, and the path of its database (not created yet).
    static func home(_ name: String, in scratch: Scratch) throws -> (URL, String) {
        let home = scratch.directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return (home, home.appendingPathComponent("wegweiser.sqlite").path)
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    struct Person {
        let name, email, phone: String
        var needles: [String] { [name, email, phone] }
    }

    @Test func erasureLeavesNoByteOfThePersonInTheDatabaseItsLogTheMailFolderOrTheServerLog() async throws {
        let scratch = try Scratch()
        // Everything the server writes lives here; the organisations' tool creates the database.
        let (home, database) = try Self.home("server", in: scratch)
        let provider = try await ServeData.organisation("provider", database: database)
        let centre = try await ServeData.organisation("advice-centre", database: database)
        let admin = try await ServeData.organisation("admin", database: database)
        let mail = home.appendingPathComponent("mail")
        let server = try ServeProcess(
            arguments: ["--db", database, "--mail-dir", mail.path], directory: home, log: home.appendingPathComponent("serve.log"))
        defer { server.kill() }
        try await server.waitUntilHealthy()

        let course = try await ServeData.course(on: server, provider: provider, capacity: 2)
        let people = [
            Person(name: "فاطمة الزهراء عبد الله", email: "fatima.zahra.4471@example.org", phone: "+49 203 4471 9921"),
            Person(name: "Олександра Коваленко", email: "oleksandra.kovalenko.5582@example.org", phone: "+49 203 5582 8832"),
            Person(name: "Zofia Wiśniewska-Ødegård", email: "zofia.wisniewska.6693@example.org", phone: "+49 203 6693 7743"),
        ]
        let staying = Person(name: "Bleibt Kontrollperson", email: "bleibt.kontrolle.7704@example.org", phone: "+49 203 7704 6654")
        var ids: [String] = []
        for (index, person) in (people + [staying]).enumerated() {
            let id = try await server.create("/v1/participants", token: centre, [
                "name": person.name, "email": person.email, "phone": person.phone, "preferredLanguage": ["ar", "uk", "pl", "de"][index],
                "languages": ["de"], "gender": "female", "district": "Hamborn", "lat": 51.49, "lon": 6.77, "level": "none",
                "availability": ["morning"], "consent": true,
            ])
            ids.append(id)
            let (status, _) = try await server.request(
                "POST", "/v1/bookings", token: centre, json: ["participantId": id, "courseId": course])
            try #require(status == 201)
        }
        // One mail each (two confirmed, two waiting), written as files.
        let deadline = Date().addingTimeInterval(60)
        while Self.files(under: mail).filter({ $0.path.hasSuffix(".eml") && !$0.path.contains("/.tmp/") }).count < 4, Date() < deadline {
            await pause(.milliseconds(100))
        }
        let mails = Self.files(under: mail).filter { $0.path.hasSuffix(".eml") }
        try #require(mails.count == 4)

        // Private files: the database and its log 0600, the mail folder 0700, each mail 0600.
        for suffix in ["", "-wal", "-shm"] { #expect(try Self.mode(database + suffix) == 0o600, "\(database + suffix)") }
        #expect(try Self.mode(mail.path) == 0o700)
        for file in mails { #expect(try Self.mode(file.path) == 0o600, "\(file.path)") }
        // The scan finds what is there: before the erasure, each person is in the mail folder and the database files.
        for person in people + [staying] {
            #expect(!Self.holders(of: person.email, under: mail).isEmpty)
            for needle in person.needles {
                #expect(!Self.holders(of: needle, under: home).filter { $0.hasPrefix(database) }.isEmpty, "\(needle) not on disk before")
            }
        }

        for id in ids.prefix(3) {
            let (status, _) = try await server.request("DELETE", "/v1/participants/\(id)", token: centre)
            try #require(status == 204)
        }
        for person in people {
            for needle in person.needles {
                #expect(Self.holders(of: needle, under: home).isEmpty, "\(needle) is still in \(Self.holders(of: needle, under: home))")
            }
        }
        // The one not erased is still there, so the scan looked where the data lives.
        #expect(!Self.holders(of: staying.name, under: home).filter { $0.hasPrefix(database) }.isEmpty)
        #expect(!Self.holders(of: staying.email, under: mail).isEmpty)

        // Statistics keep the course, kind and time of what happened, not to whom.
        var configuration = Configuration()
        configuration.readonly = true
        let reader = try DatabaseQueue(path: database, configuration: configuration)
        let erased = Array(ids.prefix(3))
        let (linked, unlinked) = try await reader.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE participantId IN (?, ?, ?)", arguments: StatementArguments(erased)),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE courseId = ? AND participantId IS NULL AND bookingId IS NULL", arguments: [course]))
        }
        try reader.close()
        #expect(linked == 0)
        #expect((unlinked ?? 0) >= 3, "their bookings' events stay, without the link to them")

        // The erasure is in the audit trail, with who and from where.
        let (status, trail) = try await server.request("GET", "/v1/audit?participantId=\(ids[0])&action=participant.erased", token: admin)
        #expect(status == 200)
        let entry = try #require((trail["entries"] as? [[String: Any]])?.first)
        #expect(entry["address"] as? String == "127.0.0.1")
        #expect((entry["organisationId"] as? String)?.isEmpty == false)
    }

    @Test func retentionDryRunCountsWithoutNamesAndTheRunErasesOnAStoppedServer() async throws {
        let scratch = try Scratch()
        let centre = try scratch.database.createOrganisation(kind: .adviceCentre, name: "AWO", now: testNow).organisation
        // Registered three years ago and never booked; and someone registered today.
        let longAgo = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970) - 3 * 365 * 86_400)
        var changes = LedgerChanges()
        for (id, name, at) in [("par_old", "Ewa Dawna-Zapomniana", longAgo), ("par_new", "Nadia Neu", Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)))] {
            let participant = try ParticipantInput(
                name: name, preferredLanguage: "pl", gender: "female", district: "Mitte", lat: 51.43, lon: 6.76, level: "A1", consent: true
            ).validated(id: id, centreId: centre.id, now: at)
            changes.record(.putParticipant(participant), .stored, [])
        }
        try scratch.database.commit(changes, now: longAgo)

        let path = scratch.databasePath
        let dryRun = try await runWegweiser(["retention", "--dry-run", "--json", "--db", path])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(dryRun.stdout.utf8)) as? [String: Int])
        #expect(counts["participants"] == 1)
        #expect(!dryRun.stdout.contains("Ewa") && !dryRun.stderr.contains("Ewa"), "counts only, never names")
        #expect(try await scratch.database.participant(id: "par_old") != nil, "a dry run changes nothing")

        let shorter = try await runWegweiser(["retention", "--dry-run", "--json", "--db", path, "--retention-months", "48"])
        #expect((try JSONSerialization.jsonObject(with: Data(shorter.stdout.utf8)) as? [String: Int])?["participants"] == 0)
        #expect(try await runWegweiser(["retention", "--dry-run", "--db", path, "--retention-months", "0"]).status != 0)

        let run = try await runWegweiser(["retention", "--db", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Deleted: 1 participants"), "\(run.stdout)")
        let reopened = try AppDatabase(path: scratch.databasePath)
        #expect(try await reopened.participant(id: "par_old") == nil)
        #expect(try await reopened.participant(id: "par_new")?.name == "Nadia Neu")
        let trail = try await reopened.audit(matching: AuditQuery(participantId: "par_old"))
        #expect(trail.map(\.action) == ["participant.erased"])
        #expect(trail.first?.person == "system:retention")
    }

    @Test func resourcesComeFromTheWorkingDirectoryOrThePackageNeverFromAParentOfTheWorkingDirectory() async throws {
        let scratch = try Scratch()
        // Someone planted templates one folder up from where the server is started.
        let planted = scratch.directory.appendingPathComponent("planted")
        for name in ["Calendars", "Notifications", "work"] {
            try FileManager.default.createDirectory(at: planted.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let work = planted.appendingPathComponent("work")
        let server = try ServeProcess(
            arguments: ["--db", work.appendingPathComponent("w.sqlite").path], directory: work, resources: false)
        defer { server.kill() }
        try await server.waitUntilHealthy()
        let log = try String(contentsOf: server.log, encoding: .utf8)
        let root = Paths.packageRoot.standardizedFileURL.path
        #expect(log.contains("resources=\(root)") || log.contains("resources=\(root)/"), "\(log)")
        #expect(!log.contains("resources=\(planted.path)"))
    }

    @Test func aBackupTakenDuringABookingStormHoldsEveryBookingAcknowledgedBeforeItBegan() async throws {
        let scratch = try Scratch()
        let (home, database) = try Self.home("live", in: scratch)
        let provider = try await ServeData.organisation("provider", database: database)
        let centre = try await ServeData.organisation("advice-centre", database: database)
        let server = try ServeProcess(arguments: ["--db", database], directory: home)
        defer { server.kill() }
        try await server.waitUntilHealthy()
        // Five courses on five weekdays, so nobody's bookings overlap, and a hundred people.
        var courses: [String] = []
        for day in ["MO", "TU", "WE", "TH", "FR"] {
            courses.append(try await ServeData.course(on: server, provider: provider, capacity: 60, weekdays: [day]))
        }
        var people: [String] = []
        for n in 0..<100 {
            people.append(try await ServeData.participant(
                on: server, centre: centre, name: "Person \(n)", email: "person\(n)@example.org", language: "de"))
        }

        // The storm: four clients booking them as fast as answers come, and cancelling again so the
        // storm lasts; a cancelled booking is still a booking the backup must hold.
        let pairs = people.flatMap { person in courses.map { (person, $0) } }
        let tally = StormTally()
        let storm = Task { [server] in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var n = worker
                        while !tally.stopped {
                            let (participant, course) = pairs[n % pairs.count]
                            n += 4
                            let (status, body) = try await server.request(
                                "POST", "/v1/bookings", token: centre, json: ["participantId": participant, "courseId": course])
                            guard status == 201, let id = body["id"] as? String else { continue }
                            tally.add(id)
                            if n % 3 == 0 { _ = try await server.request("DELETE", "/v1/bookings/\(id)", token: centre) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        await pause(.milliseconds(500))
        let before = tally.acknowledged
        let backup = scratch.directory.appendingPathComponent("backup.sqlite").path
        // On a thread of its own: the storm's clients keep the concurrency pool's few threads.
        let result = try await runWegweiser(["backup", "--db", database, "--to", backup])
        let after = tally.acknowledged.count
        tally.stop()
        try await storm.value
        #expect(result.status == 0, "\(result.stderr)")
        try #require(!before.isEmpty, "the storm made bookings before the backup")
        #expect(after > before.count, "bookings were acknowledged while the backup ran")
        #expect(try Self.mode(backup) == 0o600)
        #expect(try await runWegweiser(["backup", "--db", database, "--to", backup]).status != 0, "an existing backup is never overwritten")

        // Restore as docs/operations.md says: the copy becomes the database of a server started on it.
        let restored = scratch.directory.appendingPathComponent("restored")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: backup, toPath: restored.appendingPathComponent("wegweiser.sqlite").path)
        let second = try ServeProcess(arguments: ["--db", restored.appendingPathComponent("wegweiser.sqlite").path], directory: restored)
        defer { second.kill() }
        try await second.waitUntilHealthy()
        var missing: [String] = []
        for id in before {
            let (status, _) = try await second.request("GET", "/v1/bookings/\(id)", token: centre)
            if status != 200 { missing.append(id) }
        }
        #expect(missing.isEmpty, "\(missing.count) of \(before.count) acknowledged bookings are not in the backup")
    }
}

/// The bookings a storm's clients were told were made, in order, and the signal to stop.
final class StormTally: Sendable {
    private let state = Mutex((acknowledged: [String](), stopped: false))

    var acknowledged: [String] { state.withLock { $0.acknowledged } }
    var stopped: Bool { state.withLock { $0.stopped } }
    func add(_ id: String) { state.withLock { $0.acknowledged.append(id) } }
    func stop() { state.withLock { $0.stopped = true } }
}
