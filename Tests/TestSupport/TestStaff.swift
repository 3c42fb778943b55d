import SchedulingCore
import Store

/// Staff accounts for tests that sign in to the pages: one password for all, hashed once per
/// test process, as scrypt is slow on purpose.
public enum TestStaff {
    public static let password = "a sentence the tests remember"
    public static let passwordHash: String = {
        do { return try PasswordHash.make(password) } catch { fatalError("scrypt failed: \(error)") }
    }()

    /// The account `email` made from `invitation` if it is not there yet; returns `email`.
    @discardableResult
    public static func account(
        _ email: String, from invitation: String, in database: AppDatabase, now: Timestamp, name: String = "Test Staff"
    ) async throws -> String {
        do {
            _ = try await database.acceptInvitation(invitation, email: email, name: name, passwordHash: passwordHash, now: now)
        } catch is InvitationNotValid {
            // Used already, by this same account.
        }
        return email
    }
}
