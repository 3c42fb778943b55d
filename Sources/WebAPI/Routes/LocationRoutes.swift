import Hummingbird
import SchedulingCore
import Store

/// `POST /v1/locations`: places where courses and counselling happen.
struct LocationRoutes {
    let services: APIServices

    func add(to router: Router<APIRequestContext>) {
        router.post("/v1/locations") { request, context in
            let caller = try context.require(.provider, .adviceCentre)
            let input = try await JSONBody.decode(LocationInput.self, from: request)
            let location = try input.validated(id: Identifier.timeOrdered(prefix: "loc"), ownerId: caller.id)
            try await services.database.insert(location)
            return try JSONResponse.make(LocationView(location), status: .created)
        }
    }
}
