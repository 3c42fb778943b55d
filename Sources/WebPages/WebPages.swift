import Foundation
import HTTPTypes
import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// The web pages, on the same router and services as the API: the public catalogue at `/`, staff
/// sign-in, and the advice-centre and provider workspaces. Server-rendered HTML that works without
/// JavaScript; every form carries a CSRF token.
public struct WebPages: Sendable {
    let services: APIServices
    let renderer: PageRenderer
    var sessions: StaffSessions { services.sessions }
    /// Posts under `/b/` per client address: a few changes, a second look at the slots, a
    /// mistyped click; too few to try tokens or slots by the thousand.
    let linkPostLimit = RateLimiter(limit: 10, window: .seconds(60))
    /// Failed staff sign-ins per address, and per existing account (so there are never more keys
    /// than accounts, and a flood of made-up addresses pushes out no account's count): 10 in 15
    /// minutes, then 429. Each attempt is counted before its password is checked, so parallel
    /// guesses get no more tries, and taken back when it succeeds.
    let signInFailuresByAddress = RateLimiter(limit: 10, window: .seconds(15 * 60))
    let signInFailuresByAccount = RateLimiter(limit: 10, window: .seconds(15 * 60), keys: 1_000_000)

    public init(services: APIServices) throws {
        self.services = services
        renderer = try PageRenderer.bundled()
    }

    public func add(to router: Router<APIRequestContext>) {
        CatalogueRoutes(pages: self).add(to: router)
        StaffRoutes(pages: self).add(to: router)
        TeamRoutes(pages: self).add(to: router)
        CentreRoutes(pages: self).add(to: router)
        ProviderRoutes(pages: self).add(to: router)
        CourseFormRoutes(pages: self).add(to: router)
        LocationPageRoutes(pages: self).add(to: router)
        CentreSlotRoutes(pages: self).add(to: router)
        UploadRoutes(pages: self, workspace: "/provider", role: .provider, kinds: [.locations, .courses]).add(to: router)
        UploadRoutes(pages: self, workspace: "/centre", role: .adviceCentre, kinds: [.slots, .participants]).add(to: router)
        ParticipantLinkRoutes(pages: self).add(to: router)
        ContactRoutes(pages: self).add(to: router)
        AuditPageRoutes(pages: self).add(to: router)
    }
}

/// Ways a page handler ends early.
enum PageExit: Error {
    /// Somewhere else (sign-in, or back to a page after a form).
    case redirect(String)
    /// An error page with this status and text key.
    case error(HTTPResponse.Status, String)
}

extension WebPages {
    /// Runs a page handler and turns every way out into HTML: redirects, refusals by the booking
    /// engine (their detail is shown), and unexpected errors (500, without detail).
    /// Runs a page's `body`; every refusal (403) it answers is logged and audited with the
    /// signed-in organisation, whether it was thrown or returned.
    func guarded(_ request: Request, _ context: APIRequestContext, _ body: () async throws -> Response) async -> Response {
        let response = await answer(request, context, body)
        if response.status == .forbidden {
            let session = sessions.session(of: request)
            AccessAuditMiddleware.note(
                .forbidden, request, context, organisationId: session?.organisation.id, person: session?.account.id, audit: services.audit)
        }
        return response
    }

    private func answer(_ request: Request, _ context: APIRequestContext, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch PageExit.redirect(let location) {
            return .seeOther(location)
        } catch PageExit.error(let status, let key) {
            return errorPage(request, status: status, text: renderer.strings.text(key, PageLanguage.of(request)))
        } catch let error as APIError {
            if error.status.code >= 500 {
                context.logger.error("page failed", metadata: [
                    "error": "\(error.slug): \(error.detail ?? "")", "method": "\(request.method)", "path": "\(AccessAuditMiddleware.loggable(request.uri.path))",
                ])
            }
            var page = errorPage(request, status: error.status, text: error.detail ?? error.slug)
            if let retryAfter = error.retryAfter { page.headers[.retryAfter] = String(retryAfter) }
            return page
        } catch {
            context.logger.error("page failed", metadata: [
                "error": "\(String(reflecting: type(of: error))): \(error)", "method": "\(request.method)", "path": "\(AccessAuditMiddleware.loggable(request.uri.path))",
            ])
            return errorPage(
                request, status: .internalServerError, text: renderer.strings.text("error.title", PageLanguage.of(request)),
                requestId: context.requestId)
        }
    }


    /// A page: `template` with `context`, in the request's language; remembers a language chosen
    /// with `?lang=` in a cookie.
    func page(
        _ request: Request, titleKey: String, template: String, _ context: [String: Any], staff: StaffSessions.Session? = nil,
        status: HTTPResponse.Status = .ok, cookies: [String] = []
    ) -> Response {
        let language = PageLanguage.of(request)
        var context = context
        context["lang"] = language.rawValue
        let frame = PageFrame(
            language: language, titleKey: titleKey, staff: staff, path: request.uri.path,
            queryItems: request.uri.queryParameters.map { (String($0.key), String($0.value)) }.sorted { $0.0 < $1.0 })
        var cookies = cookies
        if request.uri.queryParameters["lang"].flatMap({ PageLanguage(rawValue: String($0)) }) != nil {
            cookies.append(sessions.cookie(PageLanguage.cookieName, language.rawValue, maxAge: 365 * 24 * 3600))
        }
        // A page whose address holds a secret (an invitation) sends it to no one, not even its own links.
        let holdsSecret = AccessAuditMiddleware.loggable(request.uri.path) != request.uri.path
        return .page(
            renderer.document(template, context, frame: frame), status: status, cookies: cookies,
            referrer: holdsSecret ? "no-referrer" : "same-origin")
    }

    func errorPage(_ request: Request, status: HTTPResponse.Status, text: String, requestId: String? = nil) -> Response {
        var values: [String: Any] = ["message": text]
        if let requestId { values["requestId"] = requestId }
        return page(request, titleKey: "error.title", template: "error", values, staff: sessions.session(of: request), status: status)
    }

    /// The signed-in staff session, which must belong to one of `roles` (administrators pass).
    func staff(_ request: Request, _ roles: OrganisationKind...) throws -> StaffSessions.Session {
        try staff(request, roles)
    }

    func staff(_ request: Request, _ roles: [OrganisationKind]) throws -> StaffSessions.Session {
        guard let session = sessions.session(of: request) else { throw PageExit.redirect("/staff/sign-in") }
        guard session.organisation.kind == .admin || roles.contains(session.organisation.kind) else {
            throw PageExit.error(.forbidden, "error.forbidden")
        }
        return session
    }

    /// A signed-in admin of their organisation (any kind): they invite colleagues and manage tokens.
    func organisationAdmin(_ request: Request) throws -> StaffSessions.Session {
        let session = try staff(request, OrganisationKind.allCases)
        guard session.account.role == .admin else { throw PageExit.error(.forbidden, "error.forbidden") }
        return session
    }

    /// Notes in the audit trail that the signed-in `session` did `action`.
    func audit(
        _ action: AuditAction, _ session: StaffSessions.Session, _ context: APIRequestContext, participantIds: some Sequence<String?>,
        subject: String? = nil
    ) {
        services.audit.record(action, by: session.actor(address: context.clientAddress), participantIds: participantIds, subject: subject)
    }

    func audit(
        _ action: AuditAction, _ session: StaffSessions.Session, _ context: APIRequestContext, participantId: String?, subject: String? = nil
    ) {
        audit(action, session, context, participantIds: [participantId], subject: subject)
    }

    /// A posted form of a signed-in session, after its CSRF token was checked.
    func form(_ request: Request, _ session: StaffSessions.Session, upTo limit: Int = FormBody.maximumBytes) async throws -> FormBody {
        let form = try await FormBody.read(request, upTo: limit)
        try checkCSRF(form["csrf"], session)
        return form
    }

    /// Refuses a form whose CSRF token is not the session's.
    func checkCSRF(_ token: String?, _ session: StaffSessions.Session) throws {
        guard let token, StaffSessions.constantTimeEqual(token, session.csrfToken) else {
            throw PageExit.error(.forbidden, "error.csrf")
        }
    }

    /// What the form before said happened: `?done=` and `?problem=` name a message from the
    /// fixed list by key (an unknown key shows nothing); `?problem=refused` shows the refusal the
    /// session kept (`refused(_:returningTo:after:)`). No text ever comes from the URL.
    func outcomeMessages(_ request: Request) -> [String: Any] {
        var messages: [String: Any] = [:]
        let language = PageLanguage.of(request)
        if let done = request.uri.queryParameters["done"], let text = renderer.strings.knownText("message.\(done)", language) {
            messages["notice"] = text
        }
        if let problem = request.uri.queryParameters["problem"] {
            if problem == "refused" {
                messages["problem"] = sessions.takeRefusal(request) ?? renderer.strings.text("problem.refused", language)
            } else if let text = renderer.strings.knownText("problem.\(problem)", language) {
                messages["problem"] = text
            }
        }
        return messages
    }

    /// Hands a form's command to the booking engine, then back to `path` with what happened:
    /// `?done=` a message key, or `?problem=` the engine's refusal.
    /// `audited` is noted in the audit trail once the engine took the command.
    func submit(
        _ command: LedgerCommand, for request: Request, returningTo path: String, done: String, audited: (() -> Void)? = nil
    ) async throws -> Response {
        do {
            _ = try await services.submit(command)
            audited?()
            return .seeOther(Self.adding("done=\(done)", to: path))
        } catch let error as APIError {
            return refused(request, returningTo: path, error.detail ?? error.slug)
        }
    }

    /// Back to `path`, saying what was refused: a broken rule (`ValidationFailure`), an
    /// attendance conflict or a refusal under 500. Anything else is thrown on, to the error page.
    func refused(_ request: Request, returningTo path: String, after error: any Error) throws -> Response {
        switch error {
        case let failure as ValidationFailure: refused(request, returningTo: path, failure.description)
        case let conflict as AttendanceConflict: refused(request, returningTo: path, APIError(conflict).detail ?? "")
        case let refusal as APIError where refusal.status.code < 500: refused(request, returningTo: path, refusal.detail ?? refusal.slug)
        default: throw error
        }
    }

    private func refused(_ request: Request, returningTo path: String, _ detail: String) -> Response {
        sessions.keepRefusal(detail, for: request)
        return .seeOther(Self.adding("problem=refused", to: path))
    }

    /// `path` with `item` added to its query, which it may already have.
    static func adding(_ item: String, to path: String) -> String {
        path + (path.contains("?") ? "&" : "?") + item
    }

    func text(_ key: String, _ request: Request) -> String {
        renderer.strings.text(key, PageLanguage.of(request))
    }
}
