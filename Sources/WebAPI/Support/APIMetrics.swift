import Hummingbird
import Prometheus
import SchedulingCore
import Store
import Synchronization

/// The figures `GET /metrics` shows, in one registry per server (no process-wide state, so
/// several servers in one test process keep their own counts).
public final class APIMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let latency: DurationHistogram
    private let batchSize: ValueHistogram
    private let outboxDepth: Gauge
    private let refusedForConfiguration: Counter
    /// The registry checks names and labels on every look-up; a request needs only its counter.
    private let requestCounters = Mutex<[RequestKey: Counter]>([:])
    private let bookingCounters = Mutex<[String: Counter]>([:])

    private struct RequestKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    public init() {
        latency = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "wegweiser", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time from request to response."),
            buckets: [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                      .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1)])
        batchSize = registry.makeValueHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "wegweiser", metricName: "booking_batch", unitName: "commands",
                helpText: "Commands decided together and written in one transaction."),
            buckets: [1, 2, 5, 10, 25, 50, 100, 250, 1000])
        outboxDepth = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "wegweiser", metricName: "outbox_pending", unitName: "mails", helpText: "Mails not yet sent."))
        refusedForConfiguration = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "wegweiser", metricName: "mail_refused_for_configuration", unitName: "total",
            helpText: "Send attempts the mail server refused for this server's sign-in or encryption, or whose TLS failed (certificate, CA file, host name); alert on any."))
    }

    /// Counts send attempts refused for the server's own SMTP settings.
    public func mailRefusedForConfiguration(_ count: Int) {
        if count > 0 { refusedForConfiguration.increment(by: Int64(count)) }
    }

    func request(method: String, route: String, status: Int, duration: Duration) {
        latency.record(duration)
        let key = RequestKey(method: method, route: route, status: status)
        counter(in: requestCounters, for: key) {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(namespace: "wegweiser", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered."),
                labels: [("method", method), ("route", route), ("status", String(status))])
        }.increment()
    }

    func booking(decision: String) {
        counter(in: bookingCounters, for: decision) {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(namespace: "wegweiser", metricName: "bookings", unitName: "total", helpText: "Booking requests by decision."),
                labels: [("decision", decision)])
        }.increment()
    }

    private func counter<Key: Hashable & Sendable>(in cache: borrowing Mutex<[Key: Counter]>, for key: Key, make: () -> Counter) -> Counter {
        if let counter = cache.withLock({ $0[key] }) { return counter }
        let counter = make()  // the registry hands out the same counter to a second caller
        cache.withLock { $0[key] = counter }
        return counter
    }

    /// Called by the booking engine after each durable batch.
    public func batchWritten(commands: Int) {
        batchSize.record(Double(commands))
    }

    func render(outboxPending: Int?) -> [UInt8] {
        if let outboxPending { outboxDepth.set(Double(outboxPending)) }
        return registry.emitToBuffer()
    }
}

/// Counts every request by method, route pattern (never the ids in it) and status, and times it.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let metrics: APIMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        metrics.request(
            method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code,
            duration: started.duration(to: .now))
        return response
    }
}
