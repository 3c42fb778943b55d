import Foundation
import Testing
import TestSupport

/// The fuzz pass over every operation of openapi.yaml (`Tests/Fuzz/fuzz_api.py`) in its short
/// form: 2,000 generated requests against a real `wegweiser serve`, no 5xx, the server alive, no
/// overbooking and no cross-centre read afterwards. The full form (20,000 requests) is run by
/// hand: `python3 Tests/Fuzz/fuzz_api.py`.
@Suite struct FuzzPassTests {
    @Test func twoThousandGeneratedRequestsGetNo5xxAndBreakNoInvariant() async throws {
        let found = (await Python.require(module: "hypothesis"), await Python.require(module: "yaml"))
        #expect(found.0 && found.1)
        let script = Paths.packageRoot.appendingPathComponent("Tests/Fuzz/fuzz_api.py")
        let run = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", script.path, "--binary", Paths.executable.path, "--requests", "2000", "--seed", "2026",
            "--contract", Paths.packageRoot.appendingPathComponent("Sources/WebAPI/openapi.yaml").path,
        ], in: Paths.packageRoot)
        let output = run.stdout + run.stderr
        #expect(run.status == 0, "the fuzz pass failed:\n\(output.suffix(20_000))")
        #expect(output.contains("RESULT: PASS"))
        // It did reach every operation, and the invariants were read back.
        let sent = output.firstMatch(of: /== (\d+) fuzz requests in/).flatMap { Int($0.output.1) } ?? 0
        #expect(sent >= 2000)
        #expect(output.contains("courses checked for capacity:") && output.contains("cross-centre probes:"))
        #expect(output.contains("servers started: 1\n"), "the server died and was restarted")
    }
}
