import Testing
@testable import SchedulingCore

@Suite("Allocation instance parsing")
struct AllocationInstanceTests {
    private func parse(_ text: String) throws -> AllocationProblem {
        try AllocationInstance.parse(Array(text.utf8))
    }

    @Test("a tiny instance parses to flat arrays, skipping unknown fields")
    func parsesTinyInstance() throws {
        let problem = try parse("""
            {"format": "wegweiser-allocation/1", "generator": {"seed": 1, "reachKm": 1.5e0, "x": [true, null]},
             "maxArcCost": 9, "unassignedCost": 19,
             "courses": [{"id": "c\\"1", "capacity": 2, "womenOnly": false}, {"capacity": 0, "level": "A2"}],
             "participants": [
               {"id": "p1", "arcs": [[0, 5], [1, 9]], "district": "Süd"},
               {"arcs": []},
               {"arcs": [ [1 , 0] ] }
             ]}
            """)
        #expect(problem.capacities == [2, 0])
        #expect(problem.arcStart == [0, 2, 2, 3])
        #expect(problem.arcCourse == [0, 1, 1])
        #expect(problem.arcCost == [5, 9, 0])
        #expect(problem.participantCount == 3)
        #expect(problem.courseCount == 2)
    }

    @Test("malformed or inconsistent input throws", arguments: [
        "",
        "[]",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [{\"capacity\": 1}], \"participants\": [{\"arcs\": [[0, 1]]}]",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [{\"capacity\": 1}], \"participants\": [{\"arcs\": [[0 1]]}]}",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [{\"capacity\": 1}], \"participants\": [{\"arcs\": [[0, 1.5]]}]}",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [{\"capacity\": 1}], \"participants\": [{\"arcs\": [[0, -1]]}]}",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [{\"capacity\": 1}], \"participants\": [{\"arcs\": [[3, 1]]}]}",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [{\"seats\": 1}], \"participants\": []}",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [], \"participants\": [{\"id\": \"p\"}]}",
        "{\"format\": \"wegweiser-allocation/2\", \"courses\": [], \"participants\": []}",
        "{\"courses\": [], \"participants\": []}",
        "{\"format\": \"wegweiser-allocation/1\", \"participants\": []}",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [], \"participants\": []} trailing",
        "{\"format\": \"wegweiser-allocation/1\", \"courses\": [], \"participants\": [], \"x\": tru}",
    ])
    func rejectsMalformedInput(text: String) {
        #expect(throws: AllocationError.self) { try parse(text) }
    }

    @Test("a syntax error names its byte offset")
    func syntaxErrorNamesOffset() {
        let text = "{\"format\": \"wegweiser-allocation/1\", \"courses\": [{\"capacity\": x}]}"
        #expect {
            try parse(text)
        } throws: { error in
            (error as? AllocationError)?.message.contains("at byte 62") == true
        }
    }
}
