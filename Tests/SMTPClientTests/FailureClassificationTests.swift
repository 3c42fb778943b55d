import Testing
@testable import SMTPClient

/// How a failed transfer is sorted from curl's code and the server's last reply.
@Suite struct FailureClassificationTests {
    /// Curl's TLS codes (handshake, client certificate, peer verification, STARTTLS required but
    /// refused, CA file) are `.tls` whatever the server said last: the greeting, STARTTLS's 220,
    /// or a refusal of STARTTLS itself, which is no verdict on the mail.
    @Test(arguments: [35, 58, 60, 64, 77] as [UInt32])
    func tlsFailuresAreTLSWhateverTheLastReply(code: UInt32) {
        for reply in [0, 220, 250, 454, 502] {
            #expect(CurlSMTPConnection.error(curlCode: code, reply: reply, text: "why") == .tls(code: Int(code), message: "why"))
        }
    }

    @Test func otherFailuresAreSortedByTheLastReply() {
        // CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_LOGIN_DENIED, CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT
        #expect(CurlSMTPConnection.error(curlCode: 55, reply: 451, text: "later") == .transient(code: 451, message: "later"))
        #expect(CurlSMTPConnection.error(curlCode: 56, reply: 550, text: "no such user") == .permanent(code: 550, message: "no such user"))
        #expect(CurlSMTPConnection.error(curlCode: 67, reply: 535, text: "denied") == .permanent(code: 535, message: "denied"))
        #expect(CurlSMTPConnection.error(curlCode: 7, reply: 0, text: "refused") == .network("curl error 7: refused"))
        #expect(CurlSMTPConnection.error(curlCode: 28, reply: 250, text: "timed out") == .network("curl error 28: timed out"))
    }
}
