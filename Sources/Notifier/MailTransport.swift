import Foundation
import SMTPClient

/// Where composed mail goes: an SMTP server, or `.eml` files when none is configured.
///
/// Not `Sendable`: a transport is used only on the notifier's queue.
public protocol MailTransport: AnyObject {
    /// - Throws: `SMTPError` — transient and network errors are retried, permanent ones are not.
    func deliver(_ message: MailMessage, envelopeFrom: String, to recipient: String) throws(SMTPError)
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
/// Written in place, not through a temporary file and a rename: that doubled the inode work,
/// the largest cost of a booking storm. A file cut short by a crash belongs to a row not yet
/// marked sent, whose resend rewrites it whole.
public final class FileMailTransport: MailTransport {
    public let directory: URL

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    public func deliver(_ message: MailMessage, envelopeFrom: String, to recipient: String) throws(SMTPError) {
        let name = message.messageId.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "@" }
        do {
            try Data(message.rendered()).write(to: directory.appendingPathComponent(name + ".eml"))
        } catch {
            throw .network("cannot write \(name).eml: \(error)")
        }
    }
}
