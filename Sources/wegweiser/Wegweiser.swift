import ArgumentParser

/// The `wegweiser` command: the server and the tools around it.
struct Wegweiser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wegweiser",
        abstract: "Books people into German language courses and counselling appointments.",
        subcommands: [Serve.self, Org.self, Keys.self, Import.self, Allocate.self, Bench.self])
}

@main
enum Main {
    static func main() async {
        await Wegweiser.main()
    }
}
