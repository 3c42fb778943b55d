import Foundation
import SMTPClient

/// Where composed mail goes: an SMTP server, or `.eml` files when none is configured.
///
/// Not `Sendable`: a transport is used only on the notifier's queue.
public protocol MailTransport: AnyObject {
    /// - Throws: `SMTPError` — transient and network errors are retried, permanent ones are not.
    func deliver(_ message: MailMessage, envelopeFrom: String, to recipient: String) throws(SMTPError)

    /// Makes everything delivered so far durable; the notifier marks rows sent only after it.
    func flush() throws(SMTPError)

    /// Forgets what it kept of these mails: their person was erased while they were on their way.
    func discard(outboxIds: [Int64]) throws
}

extension MailTransport {
    /// An SMTP server that answered 250 has taken the mail: nothing is left to flush.
    public func flush() throws(SMTPError) {}

    /// A mail server keeps nothing here to forget.
    public func discard(outboxIds: [Int64]) throws {}
}

/// Sends over SMTP on one reused libcurl connection.
public final class SMTPMailTransport: MailTransport {
    private let connection: CurlSMTPConnection

    public init(connection: CurlSMTPConnection) {
        self.connection = connection
    }

    public func deliver(_ message: MailMessage, envelopeFrom: String, to recipient: String) throws(SMTPError) {
        try connection.send(message, envelopeFrom: envelopeFrom, recipients: [recipient])
    }
}

/// Writes each message as one `.eml` file, named after its Message-ID, so the server works
/// without a mail server and a resend replaces the file instead of adding a second one.
///
/// Maildir-style: a message is written under a temporary name in `.tmp/`; `flush()` syncs each
/// file, renames it into place and syncs the directory, so a file named `….eml` is always whole
/// and on disk before its row is marked sent. The syncs are paid once per round, not per mail.
public final class FileMailTransport: MailTransport {
    public let directory: URL
    private let temporary: URL
    /// Written, not yet synced and renamed: (temporary path, final path).
    private var unflushed: [(String, String)] = []

    /// Creates the folder private to this user (`MailFolder.prepare`).
    public init(directory: URL) throws {
        let folder = MailFolder(directory: directory)
        try folder.prepare()
        self.directory = directory
        temporary = folder.temporary
    }

    public func deliver(_ message: MailMessage, envelopeFrom: String, to recipient: String) throws(SMTPError) {
        let name = message.messageId.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "@" } + ".eml"
        let path = temporary.appendingPathComponent(name).path
        // 0600 whatever the umask: the file holds a participant's name, address and course.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .network("cannot write \(name): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let bytes = message.rendered()
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw .network("cannot write \(name): \(String(cString: strerror(errno)))") }
        unflushed.append((path, directory.appendingPathComponent(name).path))
    }

    public func discard(outboxIds: [Int64]) throws {
        try MailFolder(directory: directory).removeNow(outboxIds: outboxIds)
    }

    public func flush() throws(SMTPError) {
        defer { unflushed.removeAll() }
        for (path, _) in unflushed { try Self.sync(path) }
        for (path, final) in unflushed where rename(path, final) != 0 {
            throw .network("cannot move \(path) into place: \(String(cString: strerror(errno)))")
        }
        if !unflushed.isEmpty { try Self.sync(directory.path) }
    }

    private static func sync(_ path: String) throws(SMTPError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .network("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .network("cannot sync \(path): \(String(cString: strerror(errno)))") }
    }
}
