import Foundation
import SMTPClient

/// Everything `wegweiser serve` is told, read once at start (flags over `WEGWEISER_*` over defaults).
public struct ServerConfiguration: Sendable {
    public var databasePath = "wegweiser.sqlite"
    public var host = "127.0.0.1"
    public var port = 8080
    /// `smtp://` (STARTTLS required unless the server is on this machine) or `smtps://`; without
    /// one, every mail is written as an `.eml` file into `mailDirectory`.
    public var smtpURL: String?
    public var smtpUser: String?
    public var smtpPassword: String?
    /// `Name <address>` or a bare address.
    public var mailFrom = "Wegweiser <noreply@wegweiser.localhost>"
    public var mailDirectory = "mail-out"
    /// SMTP connections used side by side.
    public var smtpConnections = 4
    /// Hours before an offer first meets that its reminder goes out; 0 sends none.
    public var reminderHours = 24
    public var resources: ResourceDirectory
    /// The holiday calendars in `Calendars/`: `holidays-REGION.ics`, `school-holidays-REGION.ics`.
    public var region = "nrw"
    /// Load `Samples/` into an empty database first.
    public var loadSamples = false

    public init(resources: ResourceDirectory) {
        self.resources = resources
    }

    /// The sender, parsed from `mailFrom`.
    public func sender() throws -> MailAddress {
        let text = mailFrom.trimmingCharacters(in: .whitespaces)
        if let open = text.lastIndex(of: "<"), text.hasSuffix(">") {
            let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let address = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            return try MailAddress(address, displayName: name.isEmpty ? nil : name)
        }
        return try MailAddress(text)
    }

    /// Whether the SMTP server runs on this machine, where STARTTLS is tried rather than required.
    var smtpIsLocal: Bool {
        guard let smtpURL, let host = URLComponents(string: smtpURL)?.host else { return false }
        return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
    }
}
