import Foundation
import Hummingbird
import SchedulingCore
import Store
import Synchronization

/// Signed-in staff: a person's sign-in becomes a random session id in an HttpOnly, SameSite=Strict
/// cookie. Each session carries its own CSRF token, which every form posts back. A session ends
/// after 30 minutes without a request or 8 hours after sign-in, whichever comes first; signing in
/// again always starts a new one, so an id planted before sign-in is worth nothing after it.
///
/// Sessions live in memory: a restart signs everyone out, and no session id is stored.
package final class StaffSessions: Sendable {
    package struct Session: Sendable {
        package let id: String
        package let account: StaffAccount
        package let organisation: Organisation
        package let csrfToken: String
        let started: Timestamp
        var lastSeen: Timestamp

        /// Who acts, for the audit trail.
        package func actor(address: String) -> AuditActor {
            AuditActor(organisationId: organisation.id, person: account.id, address: address)
        }
    }

    package static let idleLimit: Int64 = 30 * 60
    package static let absoluteLimit: Int64 = 8 * 3600

    /// `Secure` on every cookie and the `__Host-` prefix on the session's: no other site, nor a
    /// plain-http page of this one, can set or read them (cookie tossing).
    package let secureCookies: Bool
    private let clock: @Sendable () -> Timestamp
    private let sessions = Mutex<[String: Session]>([:])
    /// A refusal's text waiting for the page the form returns to, by session id: kept here, not
    /// in the URL, so a link from outside cannot put words on a staff page.
    private let refusals = Mutex<[String: String]>([:])

    package init(secureCookies: Bool, clock: @escaping @Sendable () -> Timestamp) {
        self.secureCookies = secureCookies
        self.clock = clock
    }

    package var cookieName: String { secureCookies ? "__Host-wegweiser_session" : "wegweiser_session" }
    /// The sign-in form's own CSRF cookie, before there is a session.
    package var signInCookieName: String { secureCookies ? "__Host-wegweiser_signin" : "wegweiser_signin" }

    /// A new session for `account`, replacing the one `request` came with (if any).
    package func open(for account: StaffAccount, of organisation: Organisation, replacing request: Request) -> Session {
        let now = clock()
        let session = Session(
            id: AccessToken.randomSecret(), account: account, organisation: organisation, csrfToken: AccessToken.randomSecret(),
            started: now, lastSeen: now)
        let previous = request.cookies[cookieName]?.value
        let live = sessions.withLock { sessions in
            sessions = sessions.filter { isLive($0.value, at: now) }
            if let previous { sessions[previous] = nil }
            sessions[session.id] = session
            return Set(sessions.keys)
        }
        // A refusal never shown goes with its session.
        refusals.withLock { $0 = $0.filter { live.contains($0.key) } }
        return session
    }

    /// The live session named by the request's cookie; counts as activity.
    package func session(of request: Request) -> Session? {
        guard let id = request.cookies[cookieName]?.value else { return nil }
        let now = clock()
        return sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            guard isLive(session, at: now) else {
                sessions[id] = nil
                return nil
            }
            session.lastSeen = now
            sessions[id] = session
            return session
        }
    }

    /// Whether the request names a live session, without counting as activity.
    package func isSignedIn(_ request: Request) -> Bool {
        guard let id = request.cookies[cookieName]?.value else { return false }
        let now = clock()
        return sessions.withLock { $0[id].map { isLive($0, at: now) } ?? false }
    }

    package func close(_ request: Request) {
        guard let id = request.cookies[cookieName]?.value else { return }
        _ = sessions.withLock { $0.removeValue(forKey: id) }
        _ = refusals.withLock { $0.removeValue(forKey: id) }
    }

    /// Ends every session of `accountId` (sign-out everywhere, or the account removed); returns how many.
    @discardableResult
    package func closeAll(of accountId: String) -> Int {
        let closed = sessions.withLock { sessions in
            let ids = sessions.filter { $0.value.account.id == accountId }.map(\.key)
            for id in ids { sessions[id] = nil }
            return ids
        }
        refusals.withLock { refusals in for id in closed { refusals[id] = nil } }
        return closed.count
    }

    /// Keeps `text` for the next page this session shows with `?problem=refused`.
    package func keepRefusal(_ text: String, for request: Request) {
        guard let id = request.cookies[cookieName]?.value, isSignedIn(request) else { return }
        refusals.withLock { $0[id] = text }
    }

    /// The refusal kept for this session, once.
    package func takeRefusal(_ request: Request) -> String? {
        guard let id = request.cookies[cookieName]?.value else { return nil }
        return refusals.withLock { $0.removeValue(forKey: id) }
    }

    private func isLive(_ session: Session, at now: Timestamp) -> Bool {
        now.secondsSinceEpoch - session.lastSeen.secondsSinceEpoch < Self.idleLimit
            && now.secondsSinceEpoch - session.started.secondsSinceEpoch < Self.absoluteLimit
    }

    package static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        AccessToken.constantTimeEqual(Array(a.utf8), Array(b.utf8))
    }

    /// `Set-Cookie` for a cookie the pages set: HttpOnly, SameSite=Strict and Path=/ always,
    /// Secure unless the server was told to serve plain http on this machine.
    package func cookie(_ name: String, _ value: String, maxAge: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        if secureCookies { cookie += "; Secure" }
        return cookie
    }
}
