import ArgumentParser
import Foundation

/// The `wegweiser` command: the server and the tools around it.
struct Wegweiser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wegweiser",
        abstract: "Books people into German language courses and counselling appointments.",
        subcommands: [Serve.self, Org.self, Keys.self, Import.self, Allocate.self, Retention.self, Backup.self, Bench.self])
}

@main
enum Main {
    static func main() async {
        // Whatever this process creates (the database and its log, mail files, backups) holds
        // personal data: readable by this user only, whatever the shell's umask.
        umask(0o077)
        await Wegweiser.main()
    }
}
