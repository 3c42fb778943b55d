import ArgumentParser
import Foundation
import Store
import WegweiserApp

/// `wegweiser keys …`: the keys that sign participants' personal links.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage the keys that sign participants' personal links.", subcommands: [Rotate.self])

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign new personal links with a new key; links already sent stay valid until they expire.",
            discussion: "Safe beside a running server, which signs with the new key within a minute. Prints {\"keyId\", \"keys\"}.")

        @Option(help: "The SQLite database (env WEGWEISER_DB).") var db: String?

        func run() throws {
            let database = try AppDatabase(path: Environment.database(db))
            let now = SystemClock.now()
            _ = try database.linkKeys(now: now)
            let key = try database.rotateLinkKey(now: now)
            let count = try database.linkKeys(now: now).count
            print("{\"keyId\":\(key.id),\"keys\":\(count)}")
        }
    }
}
