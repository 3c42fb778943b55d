import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// Sign-in with an organisation token, and sign-out. The token is checked like a bearer token
/// and never kept in the browser: the session cookie names a random session instead.
struct StaffRoutes {
    let pages: WebPages

    func add(to router: Router<APIRequestContext>) {
        router.get("/staff/sign-in") { request, context in
            await pages.guarded(request, context) { signInPage(request, failed: false) }
        }

        router.post("/staff/sign-in") { request, context in
            await pages.guarded(request, context) {
                let form = try await FormBody.read(request)
                // Login CSRF: the form's token must equal the cookie set with the form.
                guard let posted = form["csrf"], let expected = Cookies(request)[StaffSessions.signInCookieName],
                      StaffSessions.constantTimeEqual(posted, expected) else {
                    throw PageExit.error(.forbidden, "error.csrf")
                }
                guard let token = form["token"], let organisation = try await pages.services.tokens.organisation(for: token) else {
                    context.logger.warning("staff sign-in failed", metadata: ["address": "\(context.clientAddress)"])
                    pages.services.audit.record(.signInFailed, by: AuditActor(organisationId: nil, address: context.clientAddress))
                    return signInPage(request, failed: true)
                }
                let (id, _) = pages.sessions.open(for: organisation)
                let secure = pages.isSecure(request)
                return .seeOther(organisation.kind == .provider ? "/provider" : "/centre", cookies: [
                    StaffSessions.cookie(StaffSessions.cookieName, id, secure: secure),
                    StaffSessions.cookie(StaffSessions.signInCookieName, "", secure: secure, maxAge: 0),
                ])
            }
        }

        router.post("/staff/sign-out") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre, .provider)
                _ = try await pages.form(request, session)
                pages.sessions.close(request)
                return .seeOther("/", cookies: [StaffSessions.cookie(StaffSessions.cookieName, "", secure: pages.isSecure(request), maxAge: 0)])
            }
        }
    }

    private func signInPage(_ request: Request, failed: Bool) -> Response {
        let token = AccessToken.randomSecret()
        return pages.page(
            request, titleKey: "signIn.title", template: "sign-in", ["signInCsrf": token, "failed": failed],
            status: failed ? .unauthorized : .ok,
            cookies: [StaffSessions.cookie(StaffSessions.signInCookieName, token, secure: pages.isSecure(request), maxAge: 3600)])
    }
}
