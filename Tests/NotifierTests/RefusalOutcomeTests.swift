import SchedulingCore
import SMTPClient
import Store
import Testing
@testable import Notifier

/// What each SMTP failure means for the mail, and which ones are this server's configuration's
/// fault: those wait for the operator, raise the alarm and count on `/metrics`.
@Suite struct RefusalOutcomeTests {
    static let retryAt = Timestamp(rfc3339: "2028-02-01T10:00:30+01:00")!

    /// curl's TLS failures: the handshake (35), a client certificate (58), the server's
    /// certificate or host name (60), STARTTLS required but refused (64), the CA file (77).
    @Test(arguments: [35, 58, 60, 64, 77])
    func aTLSFailureWaitsAsAConfigurationProblem(code: Int) throws {
        let outcome = MailLane.outcome(of: .tls(code: code, message: "SSL certificate problem: unable to get local issuer certificate"), retryAt: Self.retryAt)
        #expect(outcome == .retry(error: "TLS failed (curl \(code)): SSL certificate problem: unable to get local issuer certificate", at: Self.retryAt))
        guard case .retry(let error, _) = outcome else { return }
        #expect(MailLane.isConfigurationProblem(error))
        #expect(MailLane.isTLSProblem(error))
    }

    @Test func theErrorKeptOfATLSFailureHoldsNoAddress() {
        let outcome = MailLane.outcome(of: .tls(code: 60, message: "certificate of mail for ayse@example.org refused"), retryAt: Self.retryAt)
        #expect(outcome == .retry(error: "TLS failed (curl 60): certificate of mail for <address> refused", at: Self.retryAt))
    }

    @Test func refusedSignInsWaitAsConfigurationProblemsAndRefusedRecipientsFail() {
        for code in [530, 534, 535, 538] {
            let outcome = MailLane.outcome(of: .permanent(code: code, message: "refused"), retryAt: Self.retryAt)
            #expect(outcome == .retry(error: "\(code) refused", at: Self.retryAt))
            #expect(MailLane.isConfigurationProblem("\(code) refused") && !MailLane.isTLSProblem("\(code) refused"))
        }
        #expect(MailLane.outcome(of: .transient(code: 454, message: "TLS not available"), retryAt: Self.retryAt)
            == .retry(error: "454 TLS not available", at: Self.retryAt))
        #expect(MailLane.isConfigurationProblem("454 TLS not available"))

        // The recipient's or the network's problems: no alarm.
        #expect(MailLane.outcome(of: .permanent(code: 550, message: "no such user <ayse@example.org>"), retryAt: Self.retryAt)
            == .failed(error: "550 no such user <<address>>"))
        #expect(MailLane.outcome(of: .transient(code: 451, message: "later"), retryAt: Self.retryAt) == .retry(error: "451 later", at: Self.retryAt))
        #expect(!MailLane.isConfigurationProblem("451 later"))
        let network = MailLane.outcome(of: .network("curl error 7: Couldn't connect to server"), retryAt: Self.retryAt)
        #expect(network == .retry(error: "curl error 7: Couldn't connect to server", at: Self.retryAt))
        #expect(!MailLane.isConfigurationProblem("curl error 7: Couldn't connect to server"))
    }
}
