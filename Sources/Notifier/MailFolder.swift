import Foundation
import NIOPosix
import Store

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

    /// Deletes these files of the folder; one gone already (sent on by a rename, or deleted by
    /// another sweep) is no longer there to delete.
    public func remove(paths: [String]) async throws {
        try await NIOThreadPool.singleton.runIfActive { try Self.unlinkAll(paths) }
    }

    private static func unlinkAll(_ paths: [String]) throws {
        for path in paths where unlink(path) != 0 && errno != ENOENT {
            throw MailFolderError(message: "cannot delete \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Deletes the files of these outbox rows now, on the caller's thread (a mail lane's).
    func removeNow(outboxIds: [Int64]) throws {
        let wanted = Set(outboxIds)
        try Self.unlinkAll(try listing().filter { wanted.contains($0.outboxId) }.map(\.path))
    }

    /// The mail files there and in `.tmp/`, with their outbox ids and when each was written.
    public func files() async throws -> [MailFile] {
        try await NIOThreadPool.singleton.runIfActive { try listing() }
    }

    /// Mail files whose row is gone or whose participant was erased (a mail written while its
    /// person was being erased), and with `cutoff` also those written before it.
    public func files(goneFrom database: AppDatabase, orWrittenBefore cutoff: Date? = nil) async throws -> [MailFile] {
        let files = try await files()
        let live = try await database.liveMailIds(among: files.map(\.outboxId))
        return files.filter { file in !live.contains(file.outboxId) || cutoff.map { file.modified < $0 } == true }
    }

    private func listing() throws -> [MailFile] {
        try [directory, temporary].flatMap { folder -> [MailFile] in
            guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).compactMap { name in
                guard let id = Self.outboxId(ofFile: name) else { return nil }
                let path = folder.appendingPathComponent(name).path
                // A file renamed or deleted since the listing is simply not there any more.
                guard let modified = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date else { return nil }
                return MailFile(path: path, outboxId: id, modified: modified)
            }
        }
    }
}

/// A mail file could not be deleted.
public struct MailFolderError: Error, CustomStringConvertible {
    public let description: String
    init(message: String) { description = message }
}

/// One `.eml` file of a `MailFolder`.
public struct MailFile: Sendable, Equatable {
    public let path: String
    public let outboxId: Int64
    public let modified: Date
}
