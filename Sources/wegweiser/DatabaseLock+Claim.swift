import ArgumentParser
import Store

extension DatabaseLock {
    /// The database's lock for a command that must not work beside a running server; while one
    /// holds it, prints `refusal` (given the database's path) and ends the command with status 1.
    static func claim(_ databasePath: String, refusal: (String) -> String) throws -> DatabaseLock {
        do {
            return try DatabaseLock(databasePath: databasePath)
        } catch .held {
            printError(refusal(databasePath))
            throw ExitCode.failure
        }
    }
}
