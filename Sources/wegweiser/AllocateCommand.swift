import ArgumentParser
import Foundation
import SchedulingCore

/// `wegweiser allocate …`: batch allocation. Solving is the default subcommand, so
/// `wegweiser allocate --instance FILE [--json]` works as it always has.
struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Solve batch-allocation instances (the default), or generate benchmark ones.",
        subcommands: [AllocateSolve.self, AllocateGenerate.self],
        defaultSubcommand: AllocateSolve.self
    )
}

/// `wegweiser allocate [solve] --instance FILE [--json]`: solves one batch-allocation instance
/// exactly and prints `{"assigned": N, "cost": C, "solveMs": T}`.
struct AllocateSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Place participants into courses: most placed first, then least total cost."
    )

    @Option(help: "Path of a wegweiser-allocation/1 JSON instance.")
    var instance: String

    @Flag(help: "Print the result as exactly one JSON line.")
    var json = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: instance) else {
            throw ValidationError("cannot read instance file '\(instance)'")
        }
        let problem: AllocationProblem
        do {
            problem = try AllocationInstance.parse([UInt8](data))
        } catch {
            throw ValidationError("\(instance): \(error)")
        }
        // Only the solve is timed: parsing is I/O-bound and reported by nobody else either.
        let clock = ContinuousClock()
        let start = clock.now
        let result = AllocationSolver.solve(problem)
        let elapsed = clock.now - start
        let ms = elapsed.milliseconds
        let solveMs = String(format: "%.3f", ms)
        if json {
            print("{\"assigned\": \(result.assigned), \"cost\": \(result.cost), \"solveMs\": \(solveMs)}")
        } else {
            print("{\n  \"assigned\": \(result.assigned),\n  \"cost\": \(result.cost),\n  \"solveMs\": \(solveMs)\n}")
        }
    }
}
