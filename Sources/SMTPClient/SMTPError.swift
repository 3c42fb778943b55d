/// Why a message was not delivered to the SMTP server, sorted by what the sender should do.
///
/// The notifier retries `.transient`, `.network` and `.tls` with back-off and records `.permanent`.
/// - SeeAlso: RFC 5321 §4.2.1 (reply code classes), `CURLINFO_RESPONSE_CODE`.
public enum SMTPError: Error, Sendable, Equatable {
    /// A 4xx reply: the server asks to try again later. `message` is curl's description.
    case transient(code: Int, message: String)
    /// A 5xx reply: retrying will not help. Code 0 means the message was rejected locally
    /// (an invalid envelope address) before anything was sent.
    case permanent(code: Int, message: String)
    /// No usable SMTP reply: connection refused, DNS or timeout. Worth retrying.
    case network(String)
    /// TLS could not be set up as configured: the server's certificate is not signed by a trusted
    /// CA or not for the host name in the URL, the CA file cannot be used, the handshake failed,
    /// or STARTTLS was required and not offered. `code` is curl's (`CURLE_…`). The sender's
    /// setting or the server's certificate is wrong, not the mail: worth retrying once fixed.
    case tls(code: Int, message: String)
}
