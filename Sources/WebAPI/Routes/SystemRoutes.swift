import Foundation
import Hummingbird

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

        router.get("/metrics") { _, context in
            guard context.isLocal else { throw APIError.forbidden("Metrics are served to this machine only.") }
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
