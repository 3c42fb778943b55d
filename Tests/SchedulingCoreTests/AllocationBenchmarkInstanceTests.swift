import Foundation
import Testing
@testable import SchedulingCore

@Suite("Allocation on generated benchmark instances")
struct AllocationBenchmarkInstanceTests {
    /// Seed 1 is FORMAT.md's reference optimum; seeds 2 and 3 were computed with OR-Tools 9.15
    /// (`solve_ortools.py FILE --mode max-flow-min-cost`).
    @Test("P=1000 C=60 instances from gen_instance.py reach the OR-Tools optimum",
          arguments: [(1, 975, 80097), (2, 965, 78736), (3, 982, 80833)] as [(Int, Int, Int64)])
    func matchesReferenceOptimum(seed: Int, assigned: Int, cost: Int64) throws {
        // The package root is three levels above this file; shared/ sits beside it.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let generator = root.deletingLastPathComponent()
            .appendingPathComponent("shared/bench/allocation/gen_instance.py").path
        try #require(FileManager.default.fileExists(atPath: generator), "generator not found at \(generator)")
        let out = FileManager.default.temporaryDirectory
            .appendingPathComponent("alloc-P1000-C60-s\(seed)-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", generator, "--participants", "1000", "--courses", "60",
                             "--seed", String(seed), "--out", out]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Missing python3 or numpy must fail loudly: CI installs them, so this is a real defect.
        try #require(process.terminationStatus == 0,
                     "gen_instance.py failed (needs python3 with numpy: python3 -m pip install numpy): \(message)")

        let bytes = try #require(FileManager.default.contents(atPath: out), "generator wrote no file")
        let problem = try AllocationInstance.parse([UInt8](bytes))
        #expect(problem.participantCount == 1000)
        #expect(problem.courseCount == 60)
        let result = AllocationSolver.solve(problem)
        #expect(result.assigned == assigned)
        #expect(result.cost == cost)
        #expect(isFeasible(result, for: problem))
    }
}
