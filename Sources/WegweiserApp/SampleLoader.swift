import Importing
import Foundation
import SchedulingCore
import Store

/// Loads `Samples/` into an empty database for demos and trials.
///
/// The sample files carry fixed dates; loading moves every date by whole weeks so that the
/// earliest offer starts in the week after `today`. Weekdays stay, so courses keep their rhythm,
/// and the demo keeps working in any year.
public struct SampleLoader: Sendable {
    public let database: AppDatabase
    public let samples: URL
    public let zone: CivilZone

    public init(database: AppDatabase, samples: URL, zone: CivilZone = .europeBerlin) {
        self.database = database
        self.samples = samples
        self.zone = zone
    }

    /// What loading did.
    public struct Report: Sendable {
        /// Days every date was moved by (a multiple of 7).
        public let shiftDays: Int
        public let outcomes: [Importer.FileOutcome]
        public var access: [OrganisationAccess] { outcomes.flatMap(\.access) }
    }

    /// The sample files, in a stable order.
    public func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: samples.path)
            .filter { name in
                let ext = (name as NSString).pathExtension.lowercased()
                return (ext == "csv" || ext == "json") && ImportKind(fileName: name) != nil
            }
            .sorted()
            .map { samples.appendingPathComponent($0).path }
    }

    /// Imports every sample file with shifted dates. Refuses a database that already holds data,
    /// so that samples never mix with real records.
    public func load(now: Timestamp, progress: ImportProgress? = nil) throws -> Report {
        guard try database.counts().isEmpty else { throw SampleLoadError.databaseNotEmpty }
        let files = try files().map { path throws(ImportFailure) in try ImportFile.read(path: path) }
        guard let earliest = files.compactMap({ $0.firstDay(in: zone) }).min() else {
            throw SampleLoadError.noOffers(samples.path)
        }
        let nextWeek = zone.local(now).date.startOfWeek.adding(days: 7)
        let shift = earliest.startOfWeek.days(to: nextWeek)
        let outcomes = Importer(database: database, now: now)
            .run(files.map { $0.shifted(byDays: shift, in: zone) }, progress: progress)
        let failures = outcomes.flatMap(\.failures)
        guard failures.isEmpty else { throw SampleLoadError.rejected(failures) }
        return Report(shiftDays: shift, outcomes: outcomes)
    }
}

public enum SampleLoadError: Error, CustomStringConvertible {
    case databaseNotEmpty
    case noOffers(String)
    case rejected([ImportFailure])

    public var description: String {
        switch self {
        case .databaseNotEmpty: "the database already holds data; samples load only into an empty one"
        case .noOffers(let path): "\(path) holds no courses or slots"
        case .rejected(let failures): "sample files were rejected:\n" + failures.map(\.description).joined(separator: "\n")
        }
    }
}

extension SampleLoader {
    /// New tokens and invitations for the sample organisations already in the database (a restart
    /// with `--samples`): secrets are shown once only, so a demo needs fresh ones each time.
    public func reissueAccess(now: Timestamp) throws -> [OrganisationAccess] {
        let url = samples.appendingPathComponent("organisations.json")
        struct Entry: Decodable { let id: String }
        let ids = Set(try JSONDecoder().decode([Entry].self, from: Data(contentsOf: url)).map(\.id))
        return try database.organisations().filter { ids.contains($0.id) }.map { try database.issueAccess(to: $0, now: now) }
    }
}
