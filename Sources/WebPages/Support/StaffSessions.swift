import Foundation
import Hummingbird
import SchedulingCore
import Store
import Synchronization
import WebAPI

/// Signed-in staff: an organisation token, shown once at sign-in, becomes a random session id in
/// an HttpOnly, SameSite=Strict cookie. Each session carries its own CSRF token, which every form
/// posts back. Sessions live in memory: a restart signs everyone out, and no session id is stored.
final class StaffSessions: Sendable {
    struct Session: Sendable {
        let organisation: Organisation
        let csrfToken: String
        let expires: ContinuousClock.Instant
    }

    static let cookieName = "wegweiser_session"
    /// The sign-in form's own CSRF cookie, before there is a session.
    static let signInCookieName = "wegweiser_signin"
    static let lifetime = Duration.seconds(8 * 3600)

    private let sessions = Mutex<[String: Session]>([:])
    /// A refusal's text waiting for the page the form returns to, by session id: kept here, not
    /// in the URL, so a link from outside cannot put words on a staff page.
    private let refusals = Mutex<[String: String]>([:])

    /// A new session for `organisation`; returns its id.
    func open(for organisation: Organisation) -> (id: String, session: Session) {
        let id = AccessToken.randomSecret()
        let session = Session(organisation: organisation, csrfToken: AccessToken.randomSecret(), expires: .now + Self.lifetime)
        let live = sessions.withLock { sessions in
            let now = ContinuousClock.now
            sessions = sessions.filter { $0.value.expires > now }
            sessions[id] = session
            return Set(sessions.keys)
        }
        // A refusal never shown goes with its session.
        refusals.withLock { $0 = $0.filter { live.contains($0.key) } }
        return (id, session)
    }

    /// The live session named by the request's cookie.
    func session(of request: Request) -> Session? {
        guard let id = Cookies(request)[Self.cookieName] else { return nil }
        return sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard session.expires > .now else {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    func close(_ request: Request) {
        guard let id = Cookies(request)[Self.cookieName] else { return }
        _ = sessions.withLock { $0.removeValue(forKey: id) }
        _ = refusals.withLock { $0.removeValue(forKey: id) }
    }

    /// Keeps `text` for the next page this session shows with `?problem=refused`.
    func keepRefusal(_ text: String, for request: Request) {
        guard let id = Cookies(request)[Self.cookieName], session(of: request) != nil else { return }
        refusals.withLock { $0[id] = text }
    }

    /// The refusal kept for this session, once.
    func takeRefusal(_ request: Request) -> String? {
        guard let id = Cookies(request)[Self.cookieName] else { return nil }
        return refusals.withLock { $0.removeValue(forKey: id) }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        AccessToken.constantTimeEqual(Array(a.utf8), Array(b.utf8))
    }

    /// `Set-Cookie` for a cookie the pages set: HttpOnly and SameSite=Strict always, Secure when
    /// the request came over TLS (directly or through a proxy that says so).
    static func cookie(_ name: String, _ value: String, secure: Bool, maxAge: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        if secure { cookie += "; Secure" }
        return cookie
    }
}
