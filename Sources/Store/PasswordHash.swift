import Crypto
import CryptoExtras
import Foundation

/// Staff passwords, stored as scrypt (RFC 7914): memory-hard, so a stolen database costs an
/// attacker 32 MiB and about a tenth of a second per guess and per account.
///
/// Stored as `scrypt$LOG2N$R$P$SALT$KEY` (base64url), so stronger parameters can come later
/// without invalidating the hashes already stored.
public enum PasswordHash {
    /// N = 2^15, r = 8, p = 1: 32 MiB, as OWASP recommends for scrypt.
    static let logRounds = 15, blockSize = 8, parallelism = 1
    static let keyBytes = 32, saltBytes = 16
    /// Fewer characters are easily guessed; more than this only costs hashing time.
    public static let lengthRange = 12...256

    /// Why `password` cannot be a staff password, or `nil` when it can.
    public static func refusal(of password: String) -> String? {
        guard lengthRange.contains(password.count) else {
            return "must be \(lengthRange.lowerBound) to \(lengthRange.upperBound) characters long"
        }
        guard password.utf8.count <= lengthRange.upperBound * 4 else { return "is too long" }
        return nil
    }

    /// A new hash of `password` with a fresh salt. Blocks for about 0.1 s: call it off event loops.
    public static func make(_ password: String) throws -> String {
        let salt = AccessToken.randomBytes(saltBytes)
        let key = try derive(password, salt: salt, logRounds: logRounds, blockSize: blockSize, parallelism: parallelism)
        return ["scrypt", "\(logRounds)", "\(blockSize)", "\(parallelism)", Base64URL.encode(salt), Base64URL.encode(key)]
            .joined(separator: "$")
    }

    /// Whether `password` matches `stored`; a malformed `stored` matches nothing. Blocks like
    /// `make`; throws when scrypt itself fails (memory), which is no answer about the password.
    public static func verify(_ password: String, against stored: String) throws -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let logRounds = Int(parts[1]), (10...20).contains(logRounds),
              let blockSize = Int(parts[2]), (1...32).contains(blockSize), let parallelism = Int(parts[3]), (1...16).contains(parallelism),
              let salt = Base64URL.decode(String(parts[4])), let expected = Base64URL.decode(String(parts[5]))
        else { return false }
        let key = try derive(password, salt: salt, logRounds: logRounds, blockSize: blockSize, parallelism: parallelism)
        return AccessToken.constantTimeEqual(key, expected)
    }

    /// Work that matches a real check in time, for an address with no account: the answer then
    /// does not tell which addresses have one.
    public static func verifyNothing(_ password: String) throws {
        _ = try verify(password, against: decoy)
    }

    private static let decoy = "scrypt$\(logRounds)$\(blockSize)$\(parallelism)$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

    private static func derive(_ password: String, salt: [UInt8], logRounds: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: keyBytes, rounds: 1 << logRounds, blockSize: blockSize,
            parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }
}
