import SchedulingCore
import Store

/// Called while a file is written: its path, rows done, rows in all.
public typealias ImportProgress = @Sendable (_ file: String, _ done: Int, _ total: Int) -> Void

/// Validates import files against the rules and the database and stores each file whole or not at all.
public struct Importer: Sendable {
    public let database: AppDatabase
    public let now: Timestamp

    public init(database: AppDatabase, now: Timestamp) {
        self.database = database
        self.now = now
    }

    /// What became of one file.
    public struct FileOutcome: Sendable {
        public let path: String
        /// `nil` when the file could not be read at all.
        public let kind: ImportKind?
        /// Rows stored; 0 when the file was rejected.
        public let imported: Int
        /// Every bad row, `file:line: reason`; empty when the file was stored.
        public let failures: [ImportFailure]
        /// Organisations created, with their tokens (shown once, stored only as hashes).
        /// A token and a first-admin invitation for each organisation imported.
        public let access: [OrganisationAccess]
    }

    /// Reads and imports files by path; an unreadable file is reported like a rejected one.
    public func run(paths: [String], progress: ImportProgress? = nil) -> [FileOutcome] {
        var files: [ImportFile] = []
        var unreadable: [FileOutcome] = []
        for path in paths {
            do {
                files.append(try ImportFile.read(path: path))
            } catch {
                unreadable.append(FileOutcome(path: path, kind: nil, imported: 0, failures: [error], access: []))
            }
        }
        return unreadable + run(files, progress: progress)
    }

    /// Imports the files in dependency order (organisations before the rows that refer to them),
    /// each in its own transaction, and goes on with the next file when one is rejected.
    public func run(_ files: [ImportFile], progress: ImportProgress? = nil) -> [FileOutcome] {
        files.sorted { $0.kind < $1.kind }.map { file in
            do {
                let batch = try validate(file)
                try database.insert(batch, now: now) { done in progress?(file.path, done, batch.count) }
                let access = try batch.organisations.map { try database.issueAccess(to: $0, now: now) }
                return FileOutcome(path: file.path, kind: file.kind, imported: batch.count, failures: [], access: access)
            } catch let failures as ImportFailures {
                return FileOutcome(path: file.path, kind: file.kind, imported: 0, failures: failures.all, access: [])
            } catch {
                let failure = ImportFailure(file: file.path, line: 0, reason: "could not be stored: \(error)")
                return FileOutcome(path: file.path, kind: file.kind, imported: 0, failures: [failure], access: [])
            }
        }
    }

    /// Every row of an uploaded `file` checked as `import` checks it, and each row's owner must be
    /// `owner` (the organisation that uploads it).
    ///
    /// - Throws: `ImportFailures` with every bad row, or the database's error.
    public func check(_ file: ImportFile, owner: String) throws -> ImportBatch {
        var failures: [ImportFailure] = []
        if let field = file.kind.ownerField {
            for record in file.records where record.owner != nil && record.owner != owner {
                failures.append(ImportFailure(file: file.path, line: record.line, reason: "\(field): must be your organisation '\(owner)'"))
            }
        }
        // A place of another organisation is not one to hold this one's courses or hours.
        let owners = Dictionary(uniqueKeysWithValues: try database.locations().map { ($0.id, $0.ownerId) })
        for record in file.records {
            if let place = record.payload.locationId, let placeOwner = owners[place], placeOwner != owner {
                failures.append(ImportFailure(file: file.path, line: record.line, reason: "locationId: '\(place)' is not one of your places"))
            }
        }
        let batch: ImportBatch
        do {
            batch = try validate(file)
        } catch let found as ImportFailures {
            throw ImportFailures(all: (failures + found.all).sorted { $0.line < $1.line })
        }
        if !failures.isEmpty { throw ImportFailures(all: failures) }
        return batch
    }

    /// Every row checked: field rules, unique ids, owners of the right kind, known locations.
    func validate(_ file: ImportFile) throws -> ImportBatch {
        var failures: [ImportFailure] = []
        func fail(_ line: Int, _ reason: String) {
            failures.append(ImportFailure(file: file.path, line: line, reason: reason))
        }
        let ids = Set(file.records.compactMap(\.id))
        let taken = try database.existingIds(in: file.kind.stored, among: ids)
        let ownerKinds = try database.organisationKinds(among: Set(file.records.compactMap(\.owner)))
        let locationIds = Set(file.records.compactMap(\.payload.locationId))
        let knownLocations = try database.existingIds(in: .locations, among: locationIds)
        var seen = Set<String>()
        var batch = ImportBatch()
        for record in file.records {
            let before = failures.count
            for error in record.errors { fail(record.line, error.description) }
            guard let id = record.id, !id.isEmpty else {
                fail(record.line, "id: is required")
                continue
            }
            if taken.contains(id) { fail(record.line, "id: '\(id)' already exists") }
            if !seen.insert(id).inserted { fail(record.line, "id: '\(id)' appears twice in this file") }
            if let field = file.kind.ownerField {
                if let owner = record.owner {
                    if let kind = ownerKinds[owner] {
                        if !file.kind.ownerKinds.contains(kind) {
                            fail(record.line, "\(field): '\(owner)' is a \(kind.rawValue), which cannot own \(file.kind.rawValue)")
                        }
                    } else {
                        fail(record.line, "\(field): no organisation '\(owner)'")
                    }
                } else {
                    fail(record.line, "\(field): is required")
                }
            }
            if let location = record.payload.locationId, !knownLocations.contains(location) {
                fail(record.line, "locationId: no location '\(location)'")
            }
            guard failures.count == before else { continue }
            do {
                try record.payload.add(to: &batch, id: id, owner: record.owner ?? "", now: now)
            } catch {
                for error in error.errors { fail(record.line, error.description) }
            }
        }
        if !failures.isEmpty { throw ImportFailures(all: failures) }
        return batch
    }
}

/// All bad rows of one file.
public struct ImportFailures: Error {
    public let all: [ImportFailure]

    public init(all: [ImportFailure]) {
        self.all = all
    }
}

extension ImportKind {
    var stored: StoredKind {
        StoredKind(rawValue: rawValue)!
    }
}

extension ImportPayload {
    var locationId: String? {
        switch self {
        case .course(let input): input.locationId
        case .slot(let input): input.locationId
        case .organisation, .location, .participant: nil
        }
    }

    func add(to batch: inout ImportBatch, id: String, owner: String, now: Timestamp) throws(ValidationFailure) {
        switch self {
        case .organisation(let input): batch.organisations.append(try input.validated(id: id))
        case .location(let input): batch.locations.append(try input.validated(id: id, ownerId: owner))
        case .course(let input): batch.courses.append(try input.validated(id: id, providerId: owner))
        case .slot(let input): batch.slots.append(try input.validated(id: id, centreId: owner))
        case .participant(let input):
            batch.participants.append(try input.validated(id: id, centreId: owner, now: now))
        }
    }
}
