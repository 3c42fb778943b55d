import ArgumentParser
import Foundation
import SchedulingCore
import Store
import WegweiserApp

/// `wegweiser org …`: organisations and their tokens.
struct Org: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Manage organisations.", subcommands: [Create.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an organisation and print its id and token (shown once; only a hash is stored).")

        @Option(help: "The SQLite database (env WEGWEISER_DB).") var db: String?
        @Option(help: "provider, advice-centre or admin.") var kind: String
        @Option(help: "The organisation's name.") var name: String

        func run() throws {
            let organisation: Organisation
            do {
                organisation = try OrganisationInput(kind: kind, name: name).validated(id: "")
            } catch {
                throw ValidationError(error.description)
            }
            let database = try AppDatabase(path: Environment.database(db))
            let created = try database.createOrganisation(kind: organisation.kind, name: organisation.name, now: SystemClock.now())
            let output = ["orgId": created.organisation.id, "token": created.token]
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(output), as: UTF8.self))
        }
    }
}
