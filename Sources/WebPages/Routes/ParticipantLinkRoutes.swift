import Foundation
import HTTPTypes
import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// A participant's own page of one booking, reached through the personal link in every mail:
/// `GET /b/{token}` shows it and changes nothing (mail scanners open links); its forms post to
/// `/b/{token}/cancel` and `/b/{token}/reschedule`, each one engine command.
///
/// Every token that does not lead to a booking of a person still registered gets the same 404
/// page, in the browser's language, so the answer never tells whether a booking exists.
struct ParticipantLinkRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }

    func add(to router: Router<APIRequestContext>) {
        router.get("/b/:token") { request, context in
            await guarded(request, context) {
                guard let (link, facts, position) = try await booking(context) else { return notFound(request) }
                byParticipant(.bookingRead, facts, context)
                return try await show(link, facts, position, request: request, notice: doneNotice(request, facts))
            }
        }

        router.get("/b/:token/calendar.ics") { request, context in
            await guarded(request, context) {
                guard let (_, facts, _) = try await booking(context), let text = services.composer.savedCalendar(facts) else {
                    return notFound(request)
                }
                byParticipant(.bookingRead, facts, context)
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/calendar; charset=utf-8", .cacheControl: "no-store",
                        .contentDisposition: "attachment; filename=\"wegweiser.ics\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: text)))
            }
        }

        router.post("/b/:token/cancel") { request, context in
            await guarded(request, context) { try await change(request, context, .cancel) }
        }

        router.post("/b/:token/reschedule") { request, context in
            await guarded(request, context) { try await change(request, context, .reschedule) }
        }
    }

    /// Runs a handler of a participant's page: every failure ends on a page in the participant
    /// layout (never the staff one), and every 5xx is logged without the token.
    /// Runs a link page's `body`; a refused form (403) is logged and audited without the token.
    private func guarded(_ request: Request, _ context: APIRequestContext, _ body: () async throws -> Response) async -> Response {
        let response = await answer(request, context, body)
        if response.status == .forbidden {
            AccessAuditMiddleware.note(.forbidden, request, context, organisationId: nil, audit: services.audit)
        }
        return response
    }

    private func answer(_ request: Request, _ context: APIRequestContext, _ body: () async throws -> Response) async -> Response {
        do {
            return try await body()
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            if status.code >= 500 {
                context.logger.error("participant page failed", metadata: [
                    "error": "\(String(reflecting: type(of: error))): \(error)", "method": "\(request.method)",
                    "path": "\(AccessAuditMiddleware.loggable(request.uri.path))",
                ])
            }
            return notFound(request, status: status, titleKey: "link.title", textKey: "link.error")
        }
    }

    /// The booking a request's token names, if the token verifies and the booking and its
    /// participant still exist. The signature is checked before anything is read.
    private func booking(_ context: APIRequestContext) async throws -> (PersonalLinks.Verified, MailFacts, Int?)? {
        guard let links = services.composer.links, let token = context.parameters.get("token"),
              let link = try await links.verify(token, now: services.now()),
              let (facts, position) = try await services.database.bookingFacts(bookingId: link.bookingId) else { return nil }
        return (link, facts, position)
    }

    /// What a form on the page asks for.
    enum Change {
        case cancel, reschedule

        /// The engine command for `facts`' booking as it was shown (`state`, its sequence).
        func command(_ facts: MailFacts, _ form: FormBody, state: Int) -> LedgerCommand? {
            switch self {
            case .cancel: .cancel(bookingId: facts.booking.id, by: .participant, ifSequence: state)
            case .reschedule: form["slotId"].map { .reschedule(bookingId: facts.booking.id, toSlot: $0, ifSequence: state) }
            }
        }

        /// Whether the booking already is what the form asked for: a repeat or a replay.
        func isDone(_ booking: Booking, _ form: FormBody) -> Bool {
            switch self {
            case .cancel: booking.status == .cancelled
            case .reschedule: form["slotId"].map { booking.offer == .slot($0) } ?? false
            }
        }

        var doneKey: String { self == .cancel ? "cancelled" : "moved" }
    }

    /// Runs one change posted from the page: limited per client, only with a form this page
    /// rendered for this link, and only while the booking is as the page showed it (the engine
    /// checks its sequence in the same decision), then back to the page.
    private func change(_ request: Request, _ context: APIRequestContext, _ change: Change) async throws -> Response {
        if let retryAfter = pages.linkPostLimit.admit(context.clientKey) {
            var response = notFound(request, status: .tooManyRequests, titleKey: "link.title", textKey: "link.tooMany")
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        guard let (link, facts, position) = try await booking(context) else { return notFound(request) }
        let form = try await FormBody.read(request)
        guard let links = services.composer.links, let formToken = form["form"], let state = form["state"].flatMap(Int.init),
              links.isValid(formToken: formToken, for: link, sequence: state) else {
            return try await show(link, facts, position, request: request, problem: "link.changed", status: .forbidden)
        }
        if state != facts.booking.sequence {
            let repeated = change.isDone(facts.booking, form)
            return try await show(
                link, facts, position, request: request, notice: repeated ? "link.replayed" : nil,
                problem: repeated ? nil : "link.changed", status: .conflict)
        }
        guard let command = change.command(facts, form, state: state) else {
            return try await show(link, facts, position, request: request, problem: "link.reschedule.none", status: .unprocessableContent)
        }
        do {
            _ = try await services.submit(command)
        } catch let error as APIError where error.status == .conflict || error.status == .notFound || error.status == .unprocessableContent {
            // The state moved under the form (the window closed, the slot went): show it as it is now.
            guard let (fresh, position) = try await services.database.bookingFacts(bookingId: link.bookingId) else { return notFound(request) }
            let problem = switch error.slug {
            case "notice-window-passed": "link.noticePassed"
            case "booking-changed": "link.changed"
            default: "link.slotGone"
            }
            return try await show(link, fresh, position, request: request, problem: problem, status: .conflict)
        }
        byParticipant(command.isReschedule ? .bookingRescheduled : .bookingCancelled, facts, context)
        return .seeOther("/b/\(link.token)?done=\(change.doneKey)")
    }

    private func show(
        _ link: PersonalLinks.Verified, _ facts: MailFacts, _ position: Int?, request: Request, notice: String? = nil,
        problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let now = services.now()
        let page = try await LinkPage.load(facts, waitlistPosition: position, services: services, now: now)
        let strings = pages.renderer.participantStrings
        let language = page.language
        var values = page.context(
            strings, language, actionBase: "/b/\(link.token)",
            formToken: services.composer.links?.formToken(for: link, sequence: facts.booking.sequence), zone: services.zone)
        values["state"] = facts.booking.sequence
        if let notice { values["notice"] = strings.text(notice, language) }
        if let problem { values["problem"] = strings.text(problem, language) }
        let html = pages.renderer.participantDocument("link", values, language: language, titleKey: "link.title")
        return .page(html, status: status, referrer: "no-referrer")
    }

    /// Notes in the audit trail what the participant did or saw through their own link.
    private func byParticipant(_ action: AuditAction, _ facts: MailFacts, _ context: APIRequestContext) {
        services.audit.record(
            action, by: AuditActor(organisationId: nil, person: "participant", address: context.clientAddress),
            participantId: facts.booking.participantId, subject: facts.booking.id)
    }

    /// `?done=` names what the last change did; only the known keys are shown.
    private func doneNotice(_ request: Request, _ facts: MailFacts) -> String? {
        switch request.uri.queryParameters["done"] {
        case "cancelled" where facts.booking.status == .cancelled: "link.done.cancelled"
        case "moved" where facts.booking.status == .confirmed: "link.done.moved"
        default: nil
        }
    }

    /// The one answer for every link that leads nowhere, in the browser's language (also the
    /// page of a client that posted too often).
    private func notFound(
        _ request: Request, status: HTTPResponse.Status = .notFound, titleKey: String = "link.notFound.title",
        textKey: String = "link.notFound.text"
    ) -> Response {
        let language = request.headers[.acceptLanguage].flatMap(LinkLanguage.preferred(in:)) ?? .de
        let strings = pages.renderer.participantStrings
        let html = pages.renderer.participantDocument(
            "link-not-found", ["message": strings.text(textKey, language), "heading": strings.text(titleKey, language)],
            language: language, titleKey: titleKey)
        return .page(html, status: status, referrer: "no-referrer")
    }
}

private extension LedgerCommand {
    var isReschedule: Bool {
        if case .reschedule = self { true } else { false }
    }
}
