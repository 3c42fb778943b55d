import Crypto
import Foundation

/// Bearer tokens: 256 random bits shown once, stored only as their SHA-256.
public enum AccessToken {
    /// A fresh token, `wgw_` followed by 43 base64url characters.
    public static func generate() -> String {
        "wgw_" + randomSecret()
    }

    /// 256 random bits as 43 base64url characters: for tokens, session ids and CSRF tokens.
    public static func randomSecret() -> String {
        Base64URL.encode(randomBytes(32))
    }

    /// `count` bytes from the system's cryptographic generator.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Looks at every byte whatever the first difference, so the time an answer takes says
    /// nothing about how much of a guess was right.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// What is stored and looked up. A lookup by an unguessable hash leaks nothing through timing:
    /// an attacker cannot steer which hash prefix their guess produces.
    public static func hash(_ token: String) -> Data {
        Data(SHA256.hash(data: Data(token.utf8)))
    }
}

/// Opaque identifiers: a short prefix that says what it names, then 80 random bits in base32.
public enum Identifier {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
    /// Crockford's base32, whose characters sort in ASCII order as their values do.
    private static let sortedDigits = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// Like `random`, led by the milliseconds since 1970 (as in a ULID): ids made later sort later,
    /// so new rows land at the right edge of their B-tree instead of dirtying pages all over it.
    public static func timeOrdered(prefix: String) -> String {
        var bits = UInt64.random(in: .min ... .max)
        var milliseconds = UInt64(Date().timeIntervalSince1970 * 1000)
        var characters = [UInt8](repeating: 0, count: 18)
        for index in stride(from: 9, through: 0, by: -1) {
            characters[index] = sortedDigits[Int(milliseconds & 31)]
            milliseconds >>= 5
        }
        for index in 10..<18 {
            characters[index] = sortedDigits[Int(bits & 31)]
            bits >>= 5
        }
        return prefix + "_" + String(decoding: characters, as: UTF8.self)
    }

    public static func random(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<16).map { _ in alphabet[Int.random(in: 0..<32, using: &generator)] }
        return prefix + "_" + String(characters)
    }
}
