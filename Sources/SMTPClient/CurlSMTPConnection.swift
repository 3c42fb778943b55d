import CCurl

/// Sends messages over SMTP with one libcurl easy handle, reusing its connection.
///
/// Not `Sendable`: a curl handle must not be used from two threads at once, so the
/// notifier owns one connection and calls it from its own serial queue only.
/// Certificate and host-name verification stay on for `smtps://` and STARTTLS.
/// - SeeAlso: RFC 5321; `CURLOPT_URL`, `CURLOPT_USE_SSL`, `CURLOPT_CAINFO`, `CURLOPT_MAIL_FROM`,
///   `CURLOPT_MAIL_RCPT`.
public final class CurlSMTPConnection {
    /// `curl_global_init` is not thread-safe before curl 7.84; a static let runs it exactly once.
    private static let globalInit: CURLcode = ccurl_global_init()

    private let handle: UnsafeMutableRawPointer
    /// Filled by curl with a readable reason for the last failure (`CURLOPT_ERRORBUFFER`).
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Opens no connection yet: curl connects on the first `send` and keeps it for the next.
    /// - Parameters:
    ///   - url: `smtp://host:587` or `smtps://host:465`; an optional path sets the EHLO name.
    ///   - startTLS: with `smtp://`, require STARTTLS (`CURLUSESSL_ALL`); otherwise use it when
    ///     offered (`CURLUSESSL_TRY`); ignored for `smtps://`.
    ///   - caFile: PEM certificates of CAs that may sign the server's certificate
    ///     (`CURLOPT_CAINFO`), in place of the system's bundle file; the system's certificate
    ///     directory (`CURLOPT_CAPATH`, left at its default) is trusted as before. curl reads the
    ///     file at each handshake.
    ///   - connectTimeout: `CURLOPT_CONNECTTIMEOUT_MS`.
    ///   - transferTimeout: limit for one whole send, `CURLOPT_TIMEOUT_MS`.
    /// - Throws: `SMTPError.network` when libcurl cannot be initialised.
    public init(
        url: String, username: String? = nil, password: String? = nil, startTLS: Bool = true, caFile: String? = nil,
        connectTimeout: Duration = .seconds(10), transferTimeout: Duration = .seconds(60)
    ) throws(SMTPError) {
        guard Self.globalInit == CURLE_OK else { throw .network("curl_global_init failed") }
        guard let handle = curl_easy_init() else { throw .network("curl_easy_init failed") }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))

        ccurl_easy_setopt_string(handle, CURLOPT_URL, url)
        ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        // Signals are unsafe in a multithreaded server; timeouts then rely on the resolver.
        ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(transferTimeout))
        // The defaults already verify; stated so no later edit switches them off unnoticed.
        ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { ccurl_easy_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        if url.lowercased().hasPrefix("smtp://") {
            // Required for a server elsewhere; on this machine used whenever the server offers it,
            // so a password never goes in clear text to a server that could have taken it encrypted.
            ccurl_easy_setopt_long(handle, CURLOPT_USE_SSL, Int((startTLS ? CURLUSESSL_ALL : CURLUSESSL_TRY).rawValue))
        }
        if let username { ccurl_easy_setopt_string(handle, CURLOPT_USERNAME, username) }
        if let password { ccurl_easy_setopt_string(handle, CURLOPT_PASSWORD, password) }
        ccurl_easy_setopt_long(handle, CURLOPT_UPLOAD, 1)
        ccurl_easy_setopt_read_callback(handle, CURLOPT_READFUNCTION) { buffer, size, count, userdata in
            guard let buffer, let userdata else { return Int(CURL_READFUNC_ABORT) }
            let source = Unmanaged<UploadSource>.fromOpaque(userdata).takeUnretainedValue()
            return source.read(into: buffer, capacity: size * count)
        }
    }

    deinit {
        // Closes the cached connection (sending QUIT) and frees the handle.
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Delivers `message` to `recipients` in one SMTP transaction.
    ///
    /// The envelope is separate from the headers, so the `To:` header may differ from the
    /// recipients. Every envelope address is validated like `MailAddress` first because
    /// curl writes it into `MAIL FROM` / `RCPT TO` commands.
    /// - Throws: `.tls` when TLS could not be set up as configured, `.transient` for a 4xx reply,
    ///   `.permanent` for a 5xx reply (or code 0 for an invalid envelope address), `.network`
    ///   when no SMTP reply explains the failure.
    /// - SeeAlso: `CURLOPT_MAIL_FROM`, `CURLOPT_MAIL_RCPT`, `CURLOPT_READFUNCTION`, `CURLINFO_RESPONSE_CODE`.
    public func send(_ message: MailMessage, envelopeFrom: String, recipients: [String]) throws(SMTPError) {
        let sender = try Self.envelopeAddress(envelopeFrom)
        guard !recipients.isEmpty else { throw .permanent(code: 0, message: "no envelope recipients") }
        var recipientList: UnsafeMutablePointer<curl_slist>?
        // curl reads the list during the transfer without copying it: free it only afterwards,
        // and clear the option so the handle never points at freed memory.
        defer {
            ccurl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, nil)
            curl_slist_free_all(recipientList)
        }
        for recipient in recipients {
            let address = try Self.envelopeAddress(recipient)
            guard let appended = curl_slist_append(recipientList, "<\(address)>") else {
                throw .network("out of memory building the recipient list")
            }
            recipientList = appended
        }
        ccurl_easy_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(sender)>")
        ccurl_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipientList)

        let source = UploadSource(message.rendered())
        errorBuffer[0] = 0
        let result = withExtendedLifetime(source) {
            ccurl_easy_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque())
            defer { ccurl_easy_setopt_pointer(handle, CURLOPT_READDATA, nil) }
            return curl_easy_perform(handle)
        }
        guard result != CURLE_OK else { return }
        throw failure(for: result)
    }

    /// curl's codes for TLS that could not be set up as configured: the handshake (35), a crypto
    /// engine (53, 54, 66), a client certificate (58, 98), the ciphers (59), the server's
    /// certificate or host name (60, 83, 90, 91), STARTTLS required but refused (64), the CA or
    /// CRL file (77, 82).
    static let tlsFailureCodes: Set<UInt32> = Set([
        CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CERTPROBLEM,
        CURLE_SSL_CIPHER, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_INITFAILED,
        CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
        CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT,
    ].map(\.rawValue))

    private func failure(for result: CURLcode) -> SMTPError {
        var reply = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        let detail = String(cString: errorBuffer)
        return Self.error(curlCode: result.rawValue, reply: reply, text: detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail)
    }

    /// Sorts a failed transfer: TLS first, whatever the server last said (a STARTTLS refused with
    /// 5yz is our setting's problem, not the mail's), then by the last SMTP reply: RFC 5321 §4.2.1
    /// says 4yz is a transient and 5yz a permanent negative completion; no reply at all means the
    /// network failed.
    static func error(curlCode: UInt32, reply: Int, text: String) -> SMTPError {
        if tlsFailureCodes.contains(curlCode) { return .tls(code: Int(curlCode), message: text) }
        switch reply {
        case 400..<500: return .transient(code: reply, message: text)
        case 500..<600: return .permanent(code: reply, message: text)
        default: return .network("curl error \(curlCode): \(text)")
        }
    }

    private static func envelopeAddress(_ address: String) throws(SMTPError) -> String {
        do {
            return try MailAddress(address).address
        } catch {
            throw .permanent(code: 0, message: "invalid envelope address (\(error))")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

/// The bytes of one message, handed to curl piecewise by `CURLOPT_READFUNCTION`.
private final class UploadSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Copies up to `capacity` bytes; returning 0 tells curl the message is complete.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        bytes.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
