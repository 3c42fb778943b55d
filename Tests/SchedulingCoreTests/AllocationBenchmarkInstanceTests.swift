import Testing
@testable import SchedulingCore

@Suite("Allocation on generated benchmark instances")
struct AllocationBenchmarkInstanceTests {
    /// The expected values are OR-Tools 9.15 min-cost-flow optima of these instances (the table
    /// in docs/allocation-format.md), computed once and kept here. The Swift generator makes the same files byte for byte (InstanceGeneratorTests),
    /// so neither Python nor the benchmark folder is needed here.
    @Test("P=1000 C=60 benchmark instances reach the OR-Tools optimum",
          arguments: [(1, 975, 80097), (2, 965, 78736), (3, 982, 80833)] as [(Int, Int, Int64)])
    func matchesReferenceOptimum(seed: Int, assigned: Int, cost: Int64) throws {
        let instance = AllocationInstanceGenerator.generate(.init(participants: 1000, courses: 60, seed: seed))
        // Through the file format, as `wegweiser allocate --instance` reads it.
        let problem = try AllocationInstance.parse(instance.jsonBytes())
        #expect(problem.participantCount == 1000)
        #expect(problem.courseCount == 60)
        let result = AllocationSolver.solve(problem)
        #expect(result.assigned == assigned)
        #expect(result.cost == cost)
        #expect(isFeasible(result, for: problem))
    }
}
