import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// Sign-in with a personal account, sign-out (here or everywhere), and accepting an invitation.
/// Failed sign-ins are limited per address and per account (`WebPages.signInFailures`), logged
/// and audited.
struct StaffRoutes {
    let pages: WebPages

    func add(to router: Router<APIRequestContext>) {
        router.get("/staff/sign-in") { request, context in
            await pages.guarded(request, context) { signInPage(request, failed: false) }
        }

        router.post("/staff/sign-in") { request, context in
            await pages.guarded(request, context) {
                let form = try await signInForm(request)
                let email = form["email"] ?? ""
                let address = context.clientKey
                if let wait = pages.signInFailuresByAddress.admit(address) {
                    return throttled(request, context, wait: wait, account: nil)
                }
                let found = email.isEmpty ? nil : try await pages.services.database.account(email: email)
                if let found, let wait = pages.signInFailuresByAccount.admit(found.account.id) {
                    return throttled(request, context, wait: wait, account: found.account.id)
                }
                let matches: Bool
                do {
                    matches = try await PasswordWork.verify(form["password"] ?? "", against: found?.passwordHash)
                } catch {
                    // Not checked (the server is busy): no failure to count.
                    pages.signInFailuresByAddress.forgive(address)
                    if let found { pages.signInFailuresByAccount.forgive(found.account.id) }
                    throw error
                }
                guard matches, let found else {
                    context.logger.warning("staff sign-in failed", metadata: [
                        "address": "\(context.clientAddress)", "account": "\(found?.account.id ?? "-")",
                    ])
                    pages.services.audit.record(
                        .signInFailed,
                        by: AuditActor(organisationId: found?.organisation.id, person: found?.account.id, address: context.clientAddress))
                    return signInPage(request, failed: true)
                }
                pages.signInFailuresByAddress.forgive(address)
                pages.signInFailuresByAccount.forgive(found.account.id)
                return try await signedIn(found.account, found.organisation, request, context)
            }
        }

        router.post("/staff/sign-out") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, OrganisationKind.allCases)
                _ = try await pages.form(request, session)
                pages.sessions.close(request)
                return .seeOther("/", cookies: [pages.sessions.cookie(pages.sessions.cookieName, "", maxAge: 0)])
            }
        }

        // Ends this person's sessions on every device, as after a lost laptop.
        router.post("/staff/sign-out-everywhere") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, OrganisationKind.allCases)
                _ = try await pages.form(request, session)
                let closed = pages.sessions.closeAll(of: session.account.id)
                pages.services.audit.record(.signedOutEverywhere, by: session.actor(address: context.clientAddress), subject: "\(closed) sessions")
                return .seeOther("/staff/sign-in", cookies: [pages.sessions.cookie(pages.sessions.cookieName, "", maxAge: 0)])
            }
        }

        router.get("/staff/invitation/{secret}") { request, context in
            await pages.guarded(request, context) {
                let secret = context.parameters.get("secret") ?? ""
                guard let invitation = try await pages.services.database.invitation(secret, now: pages.services.now()) else {
                    throw PageExit.error(.notFound, "invitation.invalid")
                }
                return invitationPage(request, invitation, secret: secret)
            }
        }

        router.post("/staff/invitation/{secret}") { request, context in
            await pages.guarded(request, context) {
                let secret = context.parameters.get("secret") ?? ""
                let form = try await signInForm(request)
                let now = pages.services.now()
                guard let invitation = try await pages.services.database.invitation(secret, now: now) else {
                    throw PageExit.error(.notFound, "invitation.invalid")
                }
                var problems: [String] = []
                var details: (name: String, email: String)?
                do {
                    details = try StaffAccountInput(name: form["name"], email: form["email"]).validated()
                } catch let failure as ValidationFailure {
                    problems += failure.errors.map(\.description)
                }
                let password = form["password"] ?? ""
                if let refusal = PasswordHash.refusal(of: password) {
                    problems.append("password: " + refusal)
                } else if password != form["passwordAgain"] {
                    problems.append(pages.text("invitation.passwordsDiffer", request))
                }
                guard let details, problems.isEmpty else {
                    return invitationPage(request, invitation, secret: secret, form: form, problems: problems)
                }
                let account: StaffAccount
                do {
                    account = try await pages.services.database.acceptInvitation(
                        secret, email: details.email, name: details.name, passwordHash: try await PasswordWork.hash(password), now: now)
                } catch is EmailTaken {
                    return invitationPage(request, invitation, secret: secret, form: form, problems: [pages.text("invitation.emailTaken", request)])
                } catch is InvitationNotValid {
                    throw PageExit.error(.notFound, "invitation.invalid")
                }
                pages.services.audit.record(
                    .accountCreated, by: AuditActor(organisationId: account.organisationId, person: account.id, address: context.clientAddress),
                    subject: account.role.rawValue)
                return try await signedIn(account, invitation.organisation, request, context)
            }
        }
    }

    /// 429 for a sign-in over its address's or account's share of failures; logged and audited.
    private func throttled(_ request: Request, _ context: APIRequestContext, wait: Int, account: String?) -> Response {
        context.logger.warning("staff sign-in throttled", metadata: ["address": "\(context.clientAddress)", "account": "\(account ?? "-")"])
        pages.services.audit.record(.signInThrottled, by: AuditActor(organisationId: nil, person: account, address: context.clientAddress))
        var page = signInPage(request, failed: false, status: .tooManyRequests, problem: "signIn.throttled")
        page.headers[.retryAfter] = String(wait)
        return page
    }

    /// A posted sign-in or invitation form, after its login-CSRF token was checked against the
    /// cookie set with the form.
    private func signInForm(_ request: Request) async throws -> FormBody {
        let form = try await FormBody.read(request)
        guard let posted = form["csrf"], let expected = request.cookies[pages.sessions.signInCookieName]?.value,
              StaffSessions.constantTimeEqual(posted, expected) else {
            throw PageExit.error(.forbidden, "error.csrf")
        }
        return form
    }

    /// A new session (never the one the browser came with) and on to the organisation's workspace.
    private func signedIn(
        _ account: StaffAccount, _ organisation: Organisation, _ request: Request, _ context: APIRequestContext
    ) async throws -> Response {
        let session = pages.sessions.open(for: account, of: organisation, replacing: request)
        // Removed while its password was being checked: the removal's sign-out came before this session.
        guard try await pages.services.database.accountExists(id: account.id) else {
            pages.sessions.closeAll(of: account.id)
            return signInPage(request, failed: true)
        }
        pages.services.audit.record(.signedIn, by: session.actor(address: context.clientAddress))
        let home = switch organisation.kind {
        case .provider: "/provider"
        case .adviceCentre: "/centre"
        case .admin: "/admin/audit"
        }
        return .seeOther(home, cookies: [
            pages.sessions.cookie(pages.sessions.cookieName, session.id),
            pages.sessions.cookie(pages.sessions.signInCookieName, "", maxAge: 0),
        ])
    }

    private func signInPage(_ request: Request, failed: Bool, status: HTTPResponse.Status? = nil, problem: String? = nil) -> Response {
        let token = AccessToken.randomSecret()
        var values: [String: Any] = ["signInCsrf": token, "failed": failed]
        if let problem { values["problem"] = pages.text(problem, request) }
        return pages.page(
            request, titleKey: "signIn.title", template: "sign-in", values, status: status ?? (failed ? .unauthorized : .ok),
            cookies: [pages.sessions.cookie(pages.sessions.signInCookieName, token, maxAge: 3600)])
    }

    private func invitationPage(
        _ request: Request, _ invitation: (organisation: Organisation, role: StaffRole), secret: String, form: FormBody? = nil,
        problems: [String] = []
    ) -> Response {
        let token = AccessToken.randomSecret()
        return pages.page(
            request, titleKey: "invitation.title", template: "invitation", [
                "signInCsrf": token, "organisation": invitation.organisation.name,
                "role": pages.text("role.\(invitation.role.rawValue)", request), "secret": secret,
                "name": form?["name"] ?? "", "email": form?["email"] ?? "", "problems": problems, "hasProblems": !problems.isEmpty,
            ], status: problems.isEmpty ? .ok : .unprocessableContent,
            cookies: [pages.sessions.cookie(pages.sessions.signInCookieName, token, maxAge: 3600)])
    }
}
