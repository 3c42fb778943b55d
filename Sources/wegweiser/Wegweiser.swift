import ArgumentParser

/// The `wegweiser` command: the server and the tools around it.
struct Wegweiser: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wegweiser",
        abstract: "Books people into German language courses and counselling appointments.",
        subcommands: [Serve.self, Org.self, Import.self, Allocate.self, Bench.self])
}

@main
enum Main {
    static func main() async {
        // Swift concurrency runs on the HTTP server's event loops: a request's handler then runs
        // where its bytes arrived instead of hopping to another pool and back.
        EventLoopGlobalExecutor.install()
        await Wegweiser.main()
    }
}
