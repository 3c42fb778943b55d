import Foundation
import NIOPosix

/// The folder of `.eml` files that file mode writes instead of sending. The files hold a
/// participant's name, address and course, so they are private to the server's user (0700 for
/// the folder, 0600 for each file), deleted with the person, and deleted after the retention
/// time for sent mail. Its async methods touch the disk on NIO's thread pool, never on the
/// caller's thread (which may be an event loop).
public struct MailFolder: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Creates the folder (and its `.tmp/`) private to this user, and makes an existing one so.
    public func prepare() throws {
        for url in [directory, temporary] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        }
    }

    var temporary: URL { directory.appendingPathComponent(".tmp") }

    /// The file name of an outbox row's mail is its Message-ID, `<outbox-ID@domain>`, without brackets.
    static func outboxId(ofFile name: String) -> Int64? {
        guard name.hasPrefix("outbox-"), name.hasSuffix(".eml"), let at = name.firstIndex(of: "@") else { return nil }
        return Int64(name[name.index(name.startIndex, offsetBy: 7)..<at])
    }

    /// Deletes the mails of these outbox rows, also half-written ones in `.tmp/`; returns how
    /// many files went.
    @discardableResult
    public func remove(outboxIds: [Int64]) async throws -> Int {
        guard !outboxIds.isEmpty else { return 0 }
        let wanted = Set(outboxIds)
        return try await NIOThreadPool.singleton.runIfActive {
            let doomed = listing().filter { wanted.contains($0.outboxId) }
            for file in doomed { try FileManager.default.removeItem(atPath: file.path) }
            return doomed.count
        }
    }

    /// Deletes these files of the folder.
    public func remove(paths: [String]) async throws {
        try await NIOThreadPool.singleton.runIfActive {
            for path in paths { try FileManager.default.removeItem(atPath: path) }
        }
    }

    /// The mail files there and in `.tmp/`, with their outbox ids and when each was written.
    public func files() async throws -> [MailFile] {
        try await NIOThreadPool.singleton.runIfActive { listing() }
    }

    private func listing() -> [MailFile] {
        [directory, temporary].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).compactMap { name in
                guard let id = Self.outboxId(ofFile: name) else { return nil }
                let path = folder.appendingPathComponent(name).path
                let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
                return MailFile(path: path, outboxId: id, modified: modified)
            }
        }
    }
}

/// One `.eml` file of a `MailFolder`.
public struct MailFile: Sendable, Equatable {
    public let path: String
    public let outboxId: Int64
    public let modified: Date
}
