import SchedulingCore
import SMTPClient
import Store

/// One transport and the share of each round it sends.
///
/// `@unchecked Sendable`: the transport is not thread-safe, and the notifier runs at most one job
/// of a lane at a time (one child task per lane and round), so it is never used concurrently.
final class MailLane: @unchecked Sendable {
    let transport: any MailTransport
    let index: Int

    init(transport: any MailTransport, index: Int) {
        self.transport = transport
        self.index = index
    }

    /// Composes and sends `entries`; blocking (database, curl, files), so it runs on a thread pool.
    func send(_ entries: [OutboxEntry], composer: MailComposer, now: Timestamp) -> [(id: Int64, outcome: MailOutcome)] {
        let facts: [MailFacts?]
        do {
            facts = try composer.database.mailFacts(for: entries.map { ($0.bookingId, $0.participantId) })
        } catch {
            // The database could not be read: not the mails' fault, so they are tried again.
            return entries.map { ($0.id, .retry(error: String(describing: error), at: Self.retryAt($0, now))) }
        }
        var outcomes = zip(entries, facts).map { entry, facts in (entry.id, outcome(of: entry, facts: facts, composer: composer, now: now)) }
        do {
            try transport.flush()
        } catch {
            // Handed over but not known to be durable: nothing of this share counts as sent.
            outcomes = zip(entries, outcomes).map { entry, sent in
                guard case .sent = sent.1 else { return sent }
                return (entry.id, .retry(error: "\(error)", at: Self.retryAt(entry, now)))
            }
        }
        return outcomes
    }

    /// Replies about us, not the recipient: authentication required (530), mechanism or
    /// password refused (534, 535), encryption required for it (538).
    static let configurationCodes: Set<Int> = [530, 534, 535, 538]

    /// How the error of a TLS failure (`SMTPError.tls`) begins in an outcome.
    static let tlsPrefix = "TLS failed (curl "

    /// Whether `error` is such a reply or a TLS failure, kept in an outcome: the mail waits for
    /// the operator, not for the recipient's server.
    static func isConfigurationProblem(_ error: String) -> Bool {
        configurationCodes.contains { error.hasPrefix("\($0) ") } || error.hasPrefix("454 ") || isTLSProblem(error)
    }

    /// Whether `error` is a TLS failure: certificate, CA file, host name, or STARTTLS refused.
    static func isTLSProblem(_ error: String) -> Bool {
        error.hasPrefix(tlsPrefix)
    }

    /// What a refusal means for the mail; anything shaped like an address is scrubbed from the
    /// error kept with it, which the log and the staff's notification list show.
    static func outcome(of error: SMTPError, retryAt: Timestamp) -> MailOutcome {
        switch error {
        // Refused for what we are (not signed in, wrong password, no TLS): our configuration's
        // fault, not the mail's. It waits until an operator fixes the setting.
        case .permanent(let code, let message) where configurationCodes.contains(code):
            return .retry(error: MailAddress.scrubbed("\(code) \(message)"), at: retryAt)
        case .permanent(let code, let message): return .failed(error: MailAddress.scrubbed("\(code) \(message)"))
        case .transient(let code, let message): return .retry(error: MailAddress.scrubbed("\(code) \(message)"), at: retryAt)
        case .network(let message): return .retry(error: MailAddress.scrubbed(message), at: retryAt)
        // The certificate, the CA file or the host name: our setting or the server's certificate
        // is wrong, never the mail. It waits like a refused sign-in.
        case .tls(let code, let message): return .retry(error: MailAddress.scrubbed("\(tlsPrefix)\(code)): \(message)"), at: retryAt)
        }
    }

    static func retryAt(_ entry: OutboxEntry, _ now: Timestamp) -> Timestamp {
        now.adding(seconds: Notifier.delay(afterAttempts: entry.attempts + 1))
    }

    private func outcome(of entry: OutboxEntry, facts: MailFacts?, composer: MailComposer, now: Timestamp) -> MailOutcome {
        let retryAt = Self.retryAt(entry, now)
        do {
            let message = try composer.compose(entry, facts: facts, now: now)
            try transport.deliver(message, envelopeFrom: composer.sender.address, to: message.to.address)
            return .sent
        } catch let error as SMTPError {
            return Self.outcome(of: error, retryAt: retryAt)
        } catch let obsolete as MailComposer.Obsolete {
            return .dropped(reason: obsolete.description)
        } catch let unsendable as MailComposer.Unsendable {
            return .failed(error: unsendable.description)
        } catch {
            return .failed(error: String(describing: error))
        }
    }
}
