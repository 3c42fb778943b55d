import Hummingbird
import HummingbirdTesting
import Testing
import WebAPI

/// The committed OpenAPI document and the router describe the same API: every route is documented
/// and every documented operation exists.
@Suite struct OpenAPICoverageTests {
    /// `METHOD /path` for each operation under `paths:`, read from the YAML's fixed indentation.
    static func documentedOperations(_ yaml: String) -> Set<String> {
        var operations: Set<String> = []
        var inPaths = false
        var path: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty { inPaths = line == "paths:" }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(key) { operations.insert("\(key.uppercased()) \(path)") }
            }
        }
        return operations
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() async throws {
        let server = try APITestServer()
        let router = buildRouter(services: server.server.services)
        let routed = Set(router.routes.map { route in
            "\(route.method.rawValue) " + route.path.description.replacingOccurrences(of: #":([A-Za-z]+)"#, with: "{$1}", options: .regularExpression)
        })
        let yaml = try await server.application.test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { String(buffer: $0.body) }
        }
        let documented = Self.documentedOperations(yaml)
        #expect(routed.count >= 22)
        #expect(routed.subtracting(documented).isEmpty, "routed but not documented: \(routed.subtracting(documented).sorted())")
        #expect(documented.subtracting(routed).isEmpty, "documented but not routed: \(documented.subtracting(routed).sorted())")
        #expect(yaml.hasPrefix("openapi: 3.1"))
    }

    @Test func theParserFindsOperationsAndIgnoresOtherKeys() {
        let yaml = "openapi: 3.1.0\npaths:\n  /a/{id}:\n    parameters: []\n    get:\n      summary: x\n    delete:\n      summary: y\ncomponents:\n  /b:\n    get:\n"
        #expect(Self.documentedOperations(yaml) == ["GET /a/{id}", "DELETE /a/{id}"])
    }
}
