import Testing
@testable import SchedulingCore

@Suite("Allocation solver")
struct AllocationSolverTests {
    @Test("tiny random instances match an exhaustive search and stay feasible", arguments: 0..<400)
    func matchesExhaustiveSearch(seed: Int) throws {
        let problem = try randomProblem(seed: UInt64(seed), participants: 1...7, courses: 1...3,
                                        maxDegree: 3, maxCapacity: 3, maxCost: 20)
        let result = AllocationSolver.solve(problem)
        let expected = exhaustiveOptimum(problem)
        #expect(result.assigned == expected.assigned, "seed \(seed)")
        #expect(result.cost == expected.cost, "seed \(seed)")
        #expect(isFeasible(result, for: problem), "seed \(seed)")
    }

    @Test("small random instances with scarce seats match textbook min-cost flow", arguments: 0..<150)
    func matchesBellmanFordFlow(seed: Int) throws {
        let problem = try randomProblem(seed: 10_000 + UInt64(seed), participants: 5...40, courses: 2...8,
                                        maxDegree: 5, maxCapacity: 6, maxCost: 300)
        let result = AllocationSolver.solve(problem)
        let expected = bellmanFordOptimum(problem)
        #expect(result.assigned == expected.assigned, "seed \(seed)")
        #expect(result.cost == expected.cost, "seed \(seed)")
        #expect(isFeasible(result, for: problem), "seed \(seed)")
    }

    @Test("placing more participants beats any saving in cost")
    func prefersMorePlacedOverCheaper() throws {
        // Alone, participant 0 would take course 0 at cost 0; but then participant 1 (only
        // eligible for course 0) stays out. Two placed at cost 1000 must win.
        let problem = try AllocationProblem(capacities: [1, 1], arcStart: [0, 2, 3],
                                            arcCourse: [0, 1, 0], arcCost: [0, 1000, 0])
        let result = AllocationSolver.solve(problem)
        #expect(result == Allocation(courseOf: [1, 0], assigned: 2, cost: 1000))
    }

    @Test("participants without arcs and courses without seats stay empty")
    func handlesEmptyParts() throws {
        let problem = try AllocationProblem(capacities: [0, 2], arcStart: [0, 0, 2, 3],
                                            arcCourse: [0, 1, 0], arcCost: [5, 7, 1])
        let result = AllocationSolver.solve(problem)
        #expect(result == Allocation(courseOf: [-1, 1, -1], assigned: 1, cost: 7))
    }

    @Test("an instance with no participants or no courses solves to nothing placed")
    func handlesEmptyProblems() throws {
        let none = try AllocationProblem(capacities: [], arcStart: [0], arcCourse: [], arcCost: [])
        #expect(AllocationSolver.solve(none) == Allocation(courseOf: [], assigned: 0, cost: 0))
        let noCourses = try AllocationProblem(capacities: [], arcStart: [0, 0, 0], arcCourse: [], arcCost: [])
        #expect(AllocationSolver.solve(noCourses) == Allocation(courseOf: [-1, -1], assigned: 0, cost: 0))
    }

    @Test("of two parallel arcs to one course the cheaper is used")
    func usesCheaperParallelArc() throws {
        let problem = try AllocationProblem(capacities: [1], arcStart: [0, 2], arcCourse: [0, 0], arcCost: [9, 4])
        #expect(AllocationSolver.solve(problem) == Allocation(courseOf: [0], assigned: 1, cost: 4))
    }

    @Test("problem validation rejects bad course indices, negative costs and bad offsets")
    func problemValidationRejectsDefects() {
        #expect(throws: AllocationError.self) {
            try AllocationProblem(capacities: [1], arcStart: [0, 1], arcCourse: [1], arcCost: [0])
        }
        #expect(throws: AllocationError.self) {
            try AllocationProblem(capacities: [1], arcStart: [0, 1], arcCourse: [0], arcCost: [-1])
        }
        #expect(throws: AllocationError.self) {
            try AllocationProblem(capacities: [1], arcStart: [0, 2], arcCourse: [0], arcCost: [0])
        }
        #expect(throws: AllocationError.self) {
            try AllocationProblem(capacities: [-1], arcStart: [0], arcCourse: [], arcCost: [])
        }
        #expect(throws: AllocationError.self) {
            try AllocationProblem(capacities: [1], arcStart: [0, 1], arcCourse: [0], arcCost: [Int64.max / 2])
        }
    }
}

@Suite("Allocation solver on denser instances")
struct AllocationSolverDenseTests {
    /// More participants per course and longer arc lists than the suites above, so that seats
    /// change holders many times: exercises the incremental edge updates, their fall-back
    /// rebuilds and the growth of the edge pool.
    @Test("medium random instances match textbook min-cost flow", arguments: 0..<12)
    func matchesBellmanFordFlow(seed: Int) throws {
        let problem = try randomProblem(seed: 50_000 + UInt64(seed), participants: 60...120, courses: 6...14,
                                        maxDegree: 9, maxCapacity: 9, maxCost: 200)
        let result = AllocationSolver.solve(problem)
        let expected = bellmanFordOptimum(problem)
        #expect(result.assigned == expected.assigned, "seed \(seed)")
        #expect(result.cost == expected.cost, "seed \(seed)")
        #expect(isFeasible(result, for: problem), "seed \(seed)")
    }
}
