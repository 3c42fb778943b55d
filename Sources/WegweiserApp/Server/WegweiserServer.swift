import BookingEngine
import Foundation
import Hummingbird
import Logging
import Notifier
import SchedulingCore
import ServiceLifecycle
import SMTPClient
import Store
import WebAPI
import WebPages

/// The running parts of `wegweiser serve` and how they are wired: the engine tells the notifier of
/// every commit (mail to send, or a storm to yield to), and the routes read through the engine
/// and the store.
public struct WegweiserServer: Sendable {
    public let database: AppDatabase
    public let engine: BookingEngine
    public let notifier: Notifier
    public let services: APIServices
    public let pages: WebPages
    public let configuration: ServerConfiguration
    /// The retention period, applied hourly by the running server.
    public let retention: RetentionSweep

    public init(
        configuration: ServerConfiguration, logger: Logger = Logger(label: "wegweiser"),
        clock: @escaping @Sendable () -> Timestamp = SystemClock.now
    ) throws {
        self.configuration = configuration
        let database = try AppDatabase(path: configuration.databasePath)
        let calendars = try HolidayCalendars.load(from: configuration.resources.calendars, region: configuration.region)
        let composer = MailComposer(
            database: database, templates: try TemplateLibrary(directory: configuration.resources.notifications),
            calendars: calendars, sender: try configuration.sender(), links: try PersonalLinks(database: database, now: clock()),
            linkBase: LinkBase(configuration.linkBase))
        var notifierLogger = logger
        notifierLogger[metadataKey: "service"] = "notifier"
        let metrics = APIMetrics()
        let notifier = Notifier(
            database: database, composer: composer, transports: try Self.transports(configuration),
            reminders: configuration.reminderHours > 0 ? ReminderSchedule(leadSeconds: Int64(configuration.reminderHours) * 3600) : nil,
            logger: notifierLogger, afterDrain: { metrics.mailRefusedForConfiguration($0.refusedForConfiguration) }, clock: clock)
        let mailFolder = configuration.smtpURL == nil ? MailFolder(directory: URL(fileURLWithPath: configuration.mailDirectory)) : nil
        var engineLogger = logger
        engineLogger[metadataKey: "service"] = "booking-engine"
        let engine = try BookingEngine(database: database, clock: clock, logger: engineLogger) { commit in
            metrics.batchWritten(commands: commit.changes.commandCount)
            notifier.bookingsCommitted(busy: commit.busy, queuedMail: commit.changes.queuedMail)
        }
        self.database = database
        self.engine = engine
        self.notifier = notifier
        services = APIServices(
            database: database, engine: engine, composer: composer, metrics: metrics, noShowRule: configuration.noShowRule,
            mailFolder: mailFolder, metricsToken: configuration.metricsToken, secureCookies: configuration.secureCookies,
            anonymousRequestsPerMinute: configuration.anonymousRequestsPerMinute, trustedProxies: configuration.trustedProxies,
            logger: logger, clock: clock)
        retention = RetentionSweep(
            database: database, engine: engine, erasure: services.erasure, mailFolder: mailFolder, policy: configuration.retention, clock: clock)
        pages = try WebPages(services: services)
    }

    private static func transports(_ configuration: ServerConfiguration) throws -> [any MailTransport] {
        guard let url = configuration.smtpURL else {
            return [try FileMailTransport(directory: URL(fileURLWithPath: configuration.mailDirectory))]
        }
        return try (0..<max(1, configuration.smtpConnections)).map { _ in
            SMTPMailTransport(connection: try CurlSMTPConnection(
                url: url, username: configuration.smtpUser, password: configuration.smtpPassword,
                startTLS: !configuration.smtpIsLocal, caFile: configuration.smtpCAFile))
        }
    }
}

/// The HTTP application on `configuration`'s host and port.
public func buildApplication(_ server: WegweiserServer, logger: Logger) -> some ApplicationProtocol {
    let router = buildRouter(services: server.services)
    server.pages.add(to: router)
    let configuration = server.configuration
    let linkBase = server.services.composer.linkBase
    let connections = ConnectionCap.Count(limit: configuration.maximumConnections, logger: logger)
    return Application(
        router: router,
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ConnectionCap(count: connections)],
            // A connection with no request under way is closed after this long: a keep-alive
            // left open, and a request whose head does not arrive (a slow-header attack) alike.
            idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Wegweiser"),
        onServerRunning: { channel in
            // Port 0 takes a free port: links name the one taken, unless --public-url says otherwise.
            if configuration.publicURL == nil, configuration.port == 0, let port = channel.localAddress?.port {
                var bound = configuration
                bound.port = port
                linkBase.set(bound.linkBase)
            }
        },
        logger: logger)
}

/// The HTTP server, the retention period, the booking engine and the notifier in one group that
/// shuts down on SIGTERM or SIGINT in reverse order: the server stops taking requests and finishes
/// those in flight, the audit entries still in memory are written, then the engine writes every
/// command it accepted, then the notifier stops.
public func buildServiceGroup(_ server: WegweiserServer, logger: Logger) -> ServiceGroup {
    ServiceGroup(configuration: .init(
        services: [
            .init(service: server.notifier),
            .init(service: server.engine),
            .init(service: RetentionService(sweep: server.retention, audit: server.services.audit, logger: logger)),
            .init(service: OnEventLoops(wrapped: buildApplication(server, logger: logger))),
        ],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger))
}
