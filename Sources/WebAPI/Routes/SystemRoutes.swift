import Foundation
import Hummingbird
import Store

/// `/health`, `/metrics` and `/openapi.yaml`.
struct SystemRoutes {
    let services: APIServices

    struct Health: Encodable {
        let status = "ok"
    }

    /// The committed OpenAPI document, served as it is.
    static let openAPIDocument: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()

    func add(to router: Router<APIRequestContext>) {
        router.get("/health") { _, _ in try JSONResponse.make(Health()) }

        router.get("/metrics") { request, context in
            // A bearer token of its own, whoever the peer is: behind a reverse proxy on the same
            // machine every request would come from this machine.
            guard let expected = services.metricsToken else {
                throw APIError(.notFound, "not-found", detail: "Metrics are off: start the server with --metrics-token.")
            }
            let header = request.headers[.authorization] ?? ""
            guard header.hasPrefix("Bearer "), AccessToken.constantTimeEqual(Array(header.dropFirst(7).utf8), Array(expected.utf8)) else {
                throw APIError.unauthorized("/metrics needs the metrics token as a bearer token.")
            }
            let pending: Int?
            do {
                pending = try await services.database.pendingMailCount()
            } catch {
                // The other metrics are still worth serving; the gauge is left out.
                context.logger.error("outbox depth unreadable", metadata: ["error": "\(error)"])
                pending = nil
            }
            let body = services.metrics.render(outboxPending: pending)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }

        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: Self.openAPIDocument)))
        }
    }
}
