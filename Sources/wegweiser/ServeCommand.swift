import ArgumentParser
import Foundation
import Logging
import SchedulingCore
import ServiceLifecycle
import Store
import WegweiserApp

/// `wegweiser serve`: the HTTP API, the booking loop and the notifier in one process.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP server, the booking loop and the notifier.",
        discussion: "Every option also reads WEGWEISER_<OPTION> (WEGWEISER_SMTP_URL for --smtp-url); the option wins.")

    @Option(help: "The SQLite database (default wegweiser.sqlite).") var db: String?
    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default 8080); 0 takes a free port, logged at start.") var port: Int?
    @Option(help: "Where participants reach this server, for the links in their mail (default http://HOST:PORT).")
    var publicUrl: String?
    @Option(help: "SMTP server, smtp://host:587 (STARTTLS) or smtps://host:465; without it mail goes to --mail-dir.") var smtpUrl: String?
    @Option(help: "SMTP user name.") var smtpUser: String?
    @Option(help: "SMTP password; prefer --smtp-password-file or WEGWEISER_SMTP_PASSWORD, which other users cannot see in the process list.")
    var smtpPassword: String?
    @Option(help: "A file whose first line is the SMTP password (readable by this user only).") var smtpPasswordFile: String?
    @Option(help: "PEM certificates of the CAs that sign the SMTP server's certificate, when the system's CAs do not (a city's own CA).")
    var smtpCaFile: String?
    @Option(help: "Sender of every mail, 'Name <address>'.") var mailFrom: String?
    @Option(help: "Where .eml files go without --smtp-url (default mail-out/).") var mailDir: String?
    @Option(help: "SMTP connections used side by side (default 4).") var smtpConnections: Int?
    @Option(help: "Hours before an offer first meets that participants are reminded; 0 for none (default 24).") var reminderHours: Int?
    @Option(help: "Directory holding Calendars/, Notifications/ and Samples/.") var resources: String?
    @Option(help: "Holiday calendars: Calendars/holidays-REGION.ics (default nrw).") var region: String?
    @Option(help: "No-show rule: a course booking is at risk after this many first sessions all absent without excuse (U); 0 for never (default 2).")
    var noShowFirstSessions: Int?
    @Option(help: "No-show rule: … or after this many sessions in a row absent without excuse; 0 for never (default 3).")
    var noShowInARow: Int?
    @Option(help: "Close a connection after this many seconds without a request under way, a request head still arriving included (default 30).")
    var idleTimeout: Int?
    @Option(help: "Connections served at once; more are closed as they open (default 1024).") var maxConnections: Int?
    @Option(help: "Serve /metrics to requests bearing this token (Authorization: Bearer …); without it /metrics is off. Prefer WEGWEISER_METRICS_TOKEN.")
    var metricsToken: String?
    @Option(help: "Participants with no active booking and no change for this many months are erased (default 24).")
    var retentionMonths: Int?
    @Flag(help: "Cookies without Secure, for plain http on this machine only (127.0.0.1, ::1 or localhost).") var insecureCookies = false
    @Option(help: "Requests a minute one address may send without signing in; more get 429 (default 300, 0 for no limit).")
    var anonymousRateLimit: Int?
    @Option(help: "A reverse proxy's IP address whose X-Forwarded-For names the client (repeatable; a proxy on this machine is trusted anyway).")
    var trustedProxy: [String] = []
    @Flag(help: "Load Samples/ into an empty database first and print the demo tokens and staff invitations.") var samples = false
    @Option(help: "Least severe log level written: trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?
    @Option(help: "Log lines as text or as one JSON object a line: text or json (default text).") var logFormat: String?

    func run() async throws {
        var configuration = ServerConfiguration(
            resources: try ResourceDirectory.locate(explicit: resources ?? Environment.value(forFlag: "resources")))
        configuration.databasePath = Environment.database(db)
        configuration.host = host ?? Environment.value(forFlag: "host") ?? configuration.host
        configuration.port = try port ?? Self.integer("port") ?? configuration.port
        configuration.publicURL = publicUrl ?? Environment.value(forFlag: "public-url")
        configuration.smtpURL = smtpUrl ?? Environment.value(forFlag: "smtp-url")
        configuration.smtpUser = smtpUser ?? Environment.value(forFlag: "smtp-user")
        configuration.smtpPassword = try smtpPassword ?? Self.password(file: smtpPasswordFile ?? Environment.value(forFlag: "smtp-password-file"))
            ?? Environment.value(forFlag: "smtp-password")
        configuration.smtpCAFile = smtpCaFile ?? Environment.value(forFlag: "smtp-ca-file")
        configuration.mailFrom = mailFrom ?? Environment.value(forFlag: "mail-from") ?? configuration.mailFrom
        configuration.mailDirectory = mailDir ?? Environment.value(forFlag: "mail-dir") ?? configuration.mailDirectory
        configuration.smtpConnections = try smtpConnections ?? Self.integer("smtp-connections") ?? configuration.smtpConnections
        configuration.reminderHours = try reminderHours ?? Self.integer("reminder-hours") ?? configuration.reminderHours
        configuration.region = region ?? Environment.value(forFlag: "region") ?? configuration.region
        configuration.loadSamples = samples || Environment.isOn("samples")
        let first = try noShowFirstSessions ?? Self.integer("no-show-first-sessions") ?? NoShowRule.standard.firstSessions
        let inARow = try noShowInARow ?? Self.integer("no-show-in-a-row") ?? NoShowRule.standard.inARow
        guard let rule = NoShowRule(firstSessions: first, inARow: inARow) else {
            throw ValidationError("--no-show-first-sessions and --no-show-in-a-row must be \(NoShowRule.range.lowerBound) to \(NoShowRule.range.upperBound)")
        }
        configuration.noShowRule = rule
        configuration.retention = try Self.retention(retentionMonths)
        configuration.secureCookies = !(insecureCookies || Environment.isOn("insecure-cookies"))
        if !configuration.secureCookies, !ServerConfiguration.loopbackHosts.contains(configuration.host) {
            throw ValidationError("--insecure-cookies is for http on this machine only; with --host \(configuration.host) serve https (or behind a proxy that does) and keep cookies Secure")
        }
        let perMinute = try anonymousRateLimit ?? Self.integer("anonymous-rate-limit") ?? configuration.anonymousRequestsPerMinute
        guard (0...100_000).contains(perMinute) else { throw ValidationError("--anonymous-rate-limit must be 0 to 100000 requests a minute") }
        configuration.anonymousRequestsPerMinute = perMinute
        let proxies = trustedProxy.isEmpty
            ? (Environment.value(forFlag: "trusted-proxy")?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []) : trustedProxy
        configuration.trustedProxies = Set(proxies)
        configuration.metricsToken = metricsToken ?? Environment.value(forFlag: "metrics-token")
        configuration.idleTimeoutSeconds = try idleTimeout ?? Self.integer("idle-timeout") ?? configuration.idleTimeoutSeconds
        configuration.maximumConnections = try maxConnections ?? Self.integer("max-connections") ?? configuration.maximumConnections
        guard (1...3600).contains(configuration.idleTimeoutSeconds) else { throw ValidationError("--idle-timeout must be 1 to 3600 seconds") }
        guard (1...1_000_000).contains(configuration.maximumConnections) else { throw ValidationError("--max-connections must be 1 to 1000000") }
        if let token = configuration.metricsToken, token.count < 16 {
            throw ValidationError("--metrics-token must be at least 16 characters: it guards what the server tells about its load")
        }
        guard (0...65535).contains(configuration.port) else { throw ValidationError("--port must be 0 to 65535") }
        guard (1...64).contains(configuration.smtpConnections) else { throw ValidationError("--smtp-connections must be 1 to 64") }
        guard configuration.reminderHours >= 0 else { throw ValidationError("--reminder-hours must not be negative") }
        _ = try configuration.sender()
        do {
            try configuration.validatePublicURL()
            try configuration.validateSMTPURL()
            try configuration.validateSMTPCAFile()
            try configuration.validateTrustedProxies()
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
        // Held until serve returns, samples included: import and a second server stay out.
        let lock = try DatabaseLock.claim(configuration.databasePath) { path in
            "\(path) is in use by another running `wegweiser serve`; stop it first, or start this one with another --db."
        }
        defer { lock.release() }

        let levelText = logLevel ?? Environment.value(forFlag: "log-level") ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let formatText = logFormat ?? Environment.value(forFlag: "log-format") ?? "text"
        guard let format = LogFormat(rawValue: formatText.lowercased()) else { throw ValidationError("--log-format must be text or json") }
        format.bootstrap(level: level)
        let logger = Logger(label: "wegweiser")
        if configuration.loadSamples { try loadSamples(configuration) }
        let server = try WegweiserServer(configuration: configuration, logger: logger)
        if configuration.publicURL == nil {
            logger.notice("links in mails name this machine's address; set --public-url to the address participants reach", metadata: [
                "links": "\(configuration.linkBase)/b/…",
            ])
        }
        for centre in try await server.database.organisations() where centre.kind == .adviceCentre && centre.contact.line.isEmpty {
            logger.warning("advice centre without phone or email: its mails and participants' pages name no contact; set it on /staff/contact", metadata: [
                "organisation": "\(centre.id)",
            ])
        }
        logger.info("serving", metadata: [
            "address": "http://\(configuration.host):\(configuration.port)", "database": "\(configuration.databasePath)",
            "resources": "\(configuration.resources.root.path)",
            "links": "\(configuration.linkBase)/b/…",
            "mail": "\(configuration.smtpURL.map { _ in "smtp" } ?? "files in \(configuration.mailDirectory)")",
        ])
        do {
            try await buildServiceGroup(server, logger: logger).run()
        } catch {
            logger.critical("stopped by a failure; exit status 1", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
        logger.info("stopped; every acknowledged booking is stored")
    }

    /// The first line of `file`, the SMTP password.
    static func password(file: String?) throws -> String? {
        guard let file else { return nil }
        guard let text = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw ValidationError("--smtp-password-file \(file) cannot be read")
        }
        let password = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !password.isEmpty else { throw ValidationError("--smtp-password-file \(file) is empty") }
        return password.hasSuffix("\r") ? String(password.dropLast()) : password
    }

    /// The retention period of `--retention-months` (or its variable), checked.
    static func retention(_ months: Int?) throws -> RetentionPolicy {
        let months = try months ?? integer("retention-months") ?? RetentionPolicy.standard.participantMonths
        guard let policy = RetentionPolicy(participantMonths: months) else {
            throw ValidationError("--retention-months must be \(RetentionPolicy.participantMonthsRange.lowerBound) to \(RetentionPolicy.participantMonthsRange.upperBound)")
        }
        return policy
    }

    static func integer(_ flag: String) throws -> Int? {
        guard let text = Environment.value(forFlag: flag) else { return nil }
        guard let value = Int(text) else { throw ValidationError("WEGWEISER_\(flag.uppercased().replacingOccurrences(of: "-", with: "_")) must be a whole number") }
        return value
    }

    private func loadSamples(_ configuration: ServerConfiguration) throws {
        let database = try AppDatabase(path: configuration.databasePath)
        let loader = SampleLoader(database: database, samples: configuration.resources.samples)
        let access: [OrganisationAccess]
        do {
            let report = try loader.load(now: SystemClock.now())
            print("Samples loaded: \(try database.counts()).")
            access = report.access
        } catch SampleLoadError.databaseNotEmpty {
            print("\(configuration.databasePath) already holds data; samples not loaded again. Fresh demo tokens:")
            access = try loader.reissueAccess(now: SystemClock.now())
        }
        print("Demo tokens (shown once; only their hashes are stored):")
        for entry in access {
            print("  \(entry.organisation.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(entry.organisation.name): \(entry.token)")
        }
        print("Try: curl -H 'Authorization: Bearer <token>' \(configuration.linkBase)/v1/notifications")
        print("Demo staff invitations (one-time links for each organisation's first admin, valid 7 days):")
        for entry in access {
            print("  \(entry.organisation.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(entry.organisation.name): \(configuration.invitationLink(entry.invitation))")
        }
        fflush(nil)  // all streams: a redirected stdout is block-buffered and the server runs on
    }
}
