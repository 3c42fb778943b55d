import Foundation
import SchedulingCore
import SMTPClient
import WebAPI

/// A setting that cannot be used, with what is expected instead.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
}

/// Everything `wegweiser serve` is told, read once at start (flags over `WEGWEISER_*` over defaults).
public struct ServerConfiguration: Sendable {
    public var databasePath = "wegweiser.sqlite"
    public var host = "127.0.0.1"
    public var port = 8080
    /// Where participants reach this server, for the personal link in every mail; `nil` means
    /// `http://HOST:PORT`.
    public var publicURL: String?
    /// `smtp://` (STARTTLS required unless the server is on this machine) or `smtps://`; without
    /// one, every mail is written as an `.eml` file into `mailDirectory`.
    public var smtpURL: String?
    public var smtpUser: String?
    public var smtpPassword: String?
    /// PEM certificates of the CAs that sign the SMTP server's certificate, for a server whose
    /// CA is not among the system's (`CURLOPT_CAINFO`); `nil` trusts the system's CAs.
    public var smtpCAFile: String?
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
    /// When a course booking's absences put it at risk: the city's rule.
    public var noShowRule = NoShowRule.standard
    /// Seconds a connection may sit without a request under way, its request's head unfinished
    /// included, before it is closed.
    public var idleTimeoutSeconds = 30
    /// Connections served at once; more are closed as they open.
    public var maximumConnections = 1024
    /// The bearer token `/metrics` asks for; without one, metrics are not served.
    public var metricsToken: String?
    /// How long what is kept (`--retention-months`).
    public var retention = RetentionPolicy.standard
    /// Cookies carry `Secure` and the session cookie the `__Host-` prefix; off only for plain
    /// http on this machine (`--insecure-cookies`).
    public var secureCookies = true
    /// Requests a minute one address may send without credentials; 0 for no limit.
    public var anonymousRequestsPerMinute = 300
    /// Reverse proxies on other machines whose `X-Forwarded-For` names the client (one on this
    /// machine is trusted anyway).
    public var trustedProxies: Set<String> = []

    public init(resources: ResourceDirectory) {
        self.resources = resources
    }

    /// The base of every personal link, without a trailing slash.
    public var linkBase: String {
        let base = publicURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }

    /// The one-time link of a staff invitation's `secret`.
    public func invitationLink(_ secret: String) -> String {
        linkBase + "/staff/invitation/" + secret
    }

    /// Checks that every trusted proxy is an IP address: a name would be resolved by no one.
    public func validateTrustedProxies() throws {
        if let wrong = trustedProxies.sorted().first(where: { !IPAddressText.isValid($0) }) {
            throw ConfigurationError(description: "--trusted-proxy must be an IP address such as 10.0.0.5, not '\(wrong)'")
        }
    }

    static let wildcardHosts: Set<String> = ["0.0.0.0", "::", "[::]"]
    /// Where plain http stays on this machine.
    public static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    /// Checks `publicURL`: an absolute http or https URL without path, query or fragment; needed
    /// when the server listens on every address, where `http://HOST:PORT` names none.
    public func validatePublicURL() throws {
        guard let publicURL else {
            if Self.wildcardHosts.contains(host) {
                throw ConfigurationError(
                    description: "--public-url is needed with --host \(host): the links in mails must name an address participants can reach")
            }
            return
        }
        // Pages answer at /b/… on this server's root, so a proxy must map the URL's root to it.
        guard let url = URLComponents(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false, url.query == nil, url.fragment == nil, ["", "/"].contains(url.path) else {
            throw ConfigurationError(
                description: "--public-url must be an http or https URL without a path, such as https://wegweiser.duisburg.de, not '\(publicURL)'")
        }
    }

    /// Checks `smtpURL`: `smtp://host[:port]` (STARTTLS) or `smtps://host[:port]` (TLS from the
    /// start). Without a scheme libcurl would guess one, and a guess may send the password in
    /// clear text.
    public func validateSMTPURL() throws {
        guard let smtpURL else { return }
        guard let url = URLComponents(string: smtpURL), ["smtp", "smtps"].contains(url.scheme?.lowercased() ?? ""),
              url.host?.isEmpty == false else {
            throw ConfigurationError(
                description: "--smtp-url must start with smtp:// (STARTTLS) or smtps:// (TLS), such as smtp://mail.duisburg.de:587, not '\(smtpURL)'")
        }
    }

    /// Checks `smtpCAFile`: a readable file holding at least one PEM certificate. curl reads it
    /// only at the first handshake and would then keep every mail waiting; this says so at start.
    public func validateSMTPCAFile() throws {
        guard let smtpCAFile else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: smtpCAFile, isDirectory: &isDirectory) else {
            throw ConfigurationError(description: "--smtp-ca-file \(smtpCAFile) does not exist")
        }
        guard !isDirectory.boolValue, let contents = FileManager.default.contents(atPath: smtpCAFile) else {
            throw ConfigurationError(description: "--smtp-ca-file \(smtpCAFile) cannot be read: it must be a file readable by this user")
        }
        guard String(decoding: contents, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            throw ConfigurationError(
                description: "--smtp-ca-file \(smtpCAFile) holds no PEM certificate (-----BEGIN CERTIFICATE-----): give the CA's certificates in PEM")
        }
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
