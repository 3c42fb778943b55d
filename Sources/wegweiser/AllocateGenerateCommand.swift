import ArgumentParser
import Foundation
import SchedulingCore

/// `wegweiser allocate generate`: writes a benchmark instance without Python. The file is the one
/// `gen_instance.py` writes for the same arguments, byte for byte, and the summary line on
/// standard error is the script's too, so benches can use either tool.
struct AllocateGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic allocation instance, byte for byte the one gen_instance.py writes."
    )

    @Option(name: [.long, .short], help: "Number of participants.")
    var participants: Int

    @Option(name: [.long, .short], help: "Number of courses.")
    var courses: Int

    // Unconditional, so that `--seed -7` reads as a seed, as Python's argparse takes it.
    @Option(name: [.long, .short], parsing: .unconditional, help: "Seed of Python's random.Random.")
    var seed = 1

    @Option(help: "How far participants travel, in km (default: 10 * sqrt(60 / courses), 3 decimals).")
    var reachKm: Double?

    @Option(help: "Lists with fewer courses within reach are topped up with the nearest beyond it.")
    var minEligible = 10

    @Option(help: "Lists are cut to this many nearest courses.")
    var maxEligible = 40

    @Option(help: "Extra cost of a course at another time of day than the preferred one.")
    var todPenalty = 30

    @Option(name: [.long, .short], help: "File to write (default: alloc-P<P>-C<C>-s<S>.json).")
    var out: String?

    private var options: AllocationInstanceGenerator.Options {
        AllocationInstanceGenerator.Options(
            participants: participants, courses: courses, seed: seed, reachKm: reachKm,
            minEligible: minEligible, maxEligible: maxEligible, todPenalty: todPenalty)
    }

    func validate() throws {
        if let defect = options.defect { throw ValidationError(defect) }
    }

    func run() throws {
        let instance = AllocationInstanceGenerator.generate(options)
        // As the script's `a.out or default`: an empty --out means the default name.
        let path = out.flatMap { $0.isEmpty ? nil : $0 } ?? "alloc-P\(participants)-C\(courses)-s\(seed).json"
        do {
            try Data(instance.jsonBytes()).write(to: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot write '\(path)': \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data((instance.summaryLine(out: path) + "\n").utf8))
    }
}
