import Foundation
import Testing
import TestSupport
@testable import SMTPClient

/// CurlSMTPConnection against a real SMTP server (aiosmtpd) on localhost.
@Suite struct SMTPIntegrationTests {
    @Test func threeMessagesArriveIntactOverOneConnection() async throws {
        // setup
        guard let sink = try await SMTPSink.start() else { return }
        defer { sink.stop() }
        let connection = try CurlSMTPConnection(url: sink.url, startTLS: false)
        let messages = SampleMessages.all.map(\.message)
        // act
        for message in messages {
            try connection.send(message, envelopeFrom: "bounces@wegweiser.example.org",
                                recipients: [message.to.address])
        }
        // check
        let received = try await sink.received(count: 3)
        try #require(received.count == 3)
        for (got, message) in zip(received, messages) {
            #expect(got.mail_from == "bounces@wegweiser.example.org")
            #expect(got.rcpt_tos == [message.to.address])
            #expect(got.raw == message.rendered(), "bytes changed in transit")
        }
        #expect(Set(received.map { $0.peer.description }).count == 1, "connection was not reused")
        try await MessageChecker.check(zip(received, messages).map { ($0.raw, $1) })
    }

    @Test func refusedRecipientsAreClassifiedByReplyCode() async throws {
        guard let sink = try await SMTPSink.start(tempfail: ["later@example.org"], permfail: ["gone@example.org"]) else {
            return
        }
        defer { sink.stop() }
        let connection = try CurlSMTPConnection(url: sink.url, startTLS: false)
        let message = SampleMessages.ayse

        #expect {
            try connection.send(message, envelopeFrom: "b@example.org", recipients: ["later@example.org"])
        } throws: { error in
            guard case .transient(code: 451, let message) = error as? SMTPError else { return false }
            return !message.isEmpty
        }
        #expect {
            try connection.send(message, envelopeFrom: "b@example.org", recipients: ["gone@example.org"])
        } throws: { error in
            guard case .permanent(code: 550, let message) = error as? SMTPError else { return false }
            return !message.isEmpty
        }
        // The same connection still delivers after refusals.
        try connection.send(message, envelopeFrom: "b@example.org", recipients: ["ok@example.org"])
        #expect(try await sink.received(count: 1).map(\.rcpt_tos) == [["ok@example.org"]])
    }

    @Test func closedPortIsANetworkError() async throws {
        // A port this test holds without listening on it: the connection is refused.
        let port = try HeldPort()
        let connection = try CurlSMTPConnection(
            url: "smtp://127.0.0.1:\(port.number)", startTLS: false, connectTimeout: .seconds(2)
        )
        #expect {
            try connection.send(SampleMessages.ivan, envelopeFrom: "b@example.org", recipients: ["a@example.org"])
        } throws: { error in
            guard case .network(let message) = error as? SMTPError else { return false }
            return !message.isEmpty
        }
    }
}
