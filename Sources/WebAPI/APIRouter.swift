import Hummingbird

/// The whole HTTP API (docs/api.md) on one router: the client's address first (what limits and the
/// audit count), HSTS over https, metrics (they see every final status), clean paths (empty
/// segments redirected), problem+json for every error, the bearer token, the limit on requests
/// without credentials, then the audit of refused requests.
public func buildRouter(services: APIServices) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: ClientAddress(trustedProxies: services.trustedProxies))
    router.add(middleware: StrictTransportSecurity())
    router.add(middleware: MetricsMiddleware(metrics: services.metrics))
    router.add(middleware: CleanPathMiddleware())
    router.add(middleware: ProblemMiddleware<APIRequestContext>())
    router.add(middleware: Authenticator(tokens: services.tokens))
    router.add(middleware: AnonymousRateLimit(limiter: services.anonymousLimit, sessions: services.sessions))
    router.add(middleware: AccessAuditMiddleware(audit: services.audit))
    SystemRoutes(services: services).add(to: router)
    LocationRoutes(services: services).add(to: router)
    CourseRoutes(services: services).add(to: router)
    SlotRoutes(services: services).add(to: router)
    ParticipantRoutes(services: services).add(to: router)
    BookingRoutes(services: services).add(to: router)
    AttendanceRoutes(services: services).add(to: router)
    AllocationRoutes(services: services).add(to: router)
    NotificationRoutes(services: services).add(to: router)
    OrganisationRoutes(services: services).add(to: router)
    AuditRoutes(services: services).add(to: router)
    TokenRoutes(services: services).add(to: router)
    return router
}
