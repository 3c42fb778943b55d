/// A mailbox: an address plus an optional display name.
///
/// The address is validated on creation so it can go into a header or an SMTP command
/// (`MAIL FROM`, `RCPT TO`) without escaping: no control characters (so no CR/LF), exactly
/// one `@`, an ASCII dot-atom local part and an ASCII domain. Internationalised domains must
/// arrive already converted to punycode; SMTPUTF8 is not used.
/// The display name may hold any Unicode; rendering encodes it (RFC 2047) and drops control
/// characters, so it can never break out of its header.
/// - SeeAlso: RFC 5322 §3.4 (mailbox), §3.2.3 (dot-atom); RFC 5321 §4.1.2 (Path).
public struct MailAddress: Sendable, Hashable {
    /// The bare `local@domain` form.
    public let address: String
    /// The human-readable name shown by mail clients, if any.
    public let displayName: String?

    /// Validates `address` and stores the mailbox.
    /// - Throws: `MailAddressError` naming the first rule the address breaks.
    public init(_ address: String, displayName: String? = nil) throws(MailAddressError) {
        if address.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .controlCharacter
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .atSignCount(parts.count - 1) }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, !domain.isEmpty else { throw .emptyPart }
        guard local.unicodeScalars.allSatisfy(\.isASCII) else { throw .nonASCIILocalPart }
        guard local.unicodeScalars.allSatisfy(Self.isDotAtomText),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { throw .invalidLocalPart }
        guard domain.unicodeScalars.allSatisfy(Self.isDomainCharacter),
              !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..")
        else { throw .invalidDomain }
        self.address = address
        self.displayName = displayName
    }

    /// `atext` from RFC 5322 §3.2.3 plus the dot between atoms.
    private static func isDotAtomText(_ scalar: Unicode.Scalar) -> Bool {
        isDomainCharacter(scalar) || "!#$%&'*+/=?^_`{|}~".unicodeScalars.contains(scalar)
    }

    private static func isDomainCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || scalar == "."
    }
}

/// Why a string is not an acceptable mail address.
public enum MailAddressError: Error, Sendable, Equatable {
    /// A control character, such as CR or LF, which could inject a header or SMTP command.
    case controlCharacter
    /// The address holds this many `@` signs instead of one.
    case atSignCount(Int)
    /// The local part or the domain is empty.
    case emptyPart
    /// The local part holds non-ASCII characters (would need SMTPUTF8, RFC 6531).
    case nonASCIILocalPart
    /// The local part is not a dot-atom (RFC 5322 §3.2.3).
    case invalidLocalPart
    /// The domain is not an ASCII host name (use punycode for IDNs).
    case invalidDomain
}

extension MailAddress {
    /// `text` with anything shaped like a mail address replaced by `<address>`: a server's
    /// refusal may quote the recipient, and what we keep of it (an outbox row's `lastError`, a
    /// log line) must not name a person.
    public static func scrubbed(_ text: String) -> String {
        text.replacing(/[^\s<>"'(),;:\[\]]+@[^\s<>"'(),;:\[\]]+/, with: "<address>")
    }
}
