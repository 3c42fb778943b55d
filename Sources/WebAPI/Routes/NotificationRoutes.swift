import Hummingbird
import SchedulingCore
import Store

/// `GET /v1/notifications`: the outbox, so a centre sees which mails went out, wait, or failed and
/// why; and with the first page, the newest notices about its participants (bookings at risk).
struct NotificationRoutes {
    let services: APIServices

    struct NotificationList: Encodable {
        let notifications: [NotificationView]
        let nextCursor: String?
        /// Only on the first page: the latest notices, newest first.
        let notices: [CentreNoticeView]?
    }

    func add(to router: Router<APIRequestContext>) {
        router.get("/v1/notifications") { request, context in
            let caller = try context.require(.adviceCentre)
            let status = try QueryValues(request: request).choice("status", OutboxEntry.Status.self)
            let pagination = try Pagination(request)
            var afterId: Int64 = 0
            if let after = pagination.after {
                guard let id = Int64(after) else { throw APIError.invalid(field: "cursor", "is not a cursor this API gave out") }
                afterId = id
            }
            let limit = pagination.limit
            let entries = try await services.database.mail(
                status: status, centreId: caller.kind == .admin ? nil : caller.id, afterId: afterId, limit: limit.map { $0 + 1 })
            let page = Pagination(limit: limit, after: nil).page(entries) { String($0.id) }
            let centreId = caller.kind == .admin ? nil : caller.id
            let notices = pagination.after == nil ? try await services.database.centreNotices(centreId: centreId) : nil
            services.audit.record(
                .mailListed, by: context.actor,
                participantIds: Set(page.items.map(\.participantId) + (notices ?? []).map(\.participantId)).sorted())
            return try JSONResponse.make(NotificationList(
                notifications: page.items.map { NotificationView($0, zone: services.zone) }, nextCursor: page.nextCursor,
                notices: notices?.map { CentreNoticeView($0, zone: services.zone) }))
        }
    }
}
