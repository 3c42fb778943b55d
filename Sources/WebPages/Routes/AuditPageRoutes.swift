import Foundation
import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// `/admin/audit`: the audit trail for administrators (the city's data-protection officer), as
/// `GET /v1/audit` gives it, filtered by participant, organisation, action and days.
struct AuditPageRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }
    static let pageSize = 100

    func add(to router: Router<APIRequestContext>) {
        router.get("/admin/audit") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .admin)
                let values = QueryValues(request: request)
                var query = AuditQuery(
                    participantId: values.string("participantId"), organisationId: values.string("organisationId"), action: values.string("action"),
                    limit: Self.pageSize + 1)
                var problems: [String] = []
                if let action = query.action, AuditAction(rawValue: action) == nil {
                    problems.append(pages.text("audit.badAction", request))
                    query.action = nil
                }
                // Whole days in Europe/Berlin: from the start of `from` to the end of `until`.
                for (name, days) in [("from", 0), ("until", 1)] {
                    guard let text = values.string(name) else { continue }
                    guard let date = LocalDate(iso: text) else {
                        problems.append(pages.text("audit.badDate", request))
                        continue
                    }
                    let start = services.zone.instant(LocalDateTime(date: date.adding(days: days), minutes: 0)).secondsSinceEpoch
                    if name == "from" { query.from = start } else { query.until = start }
                }
                if let cursor = values.string("after"), let id = Int64(cursor) { query.afterId = id }
                pages.audit(.auditRead, session, context, participantId: query.participantId)
                await services.audit.flush()
                let entries = try await services.database.audit(matching: query)
                let names = Dictionary(uniqueKeysWithValues: try await services.database.organisations().map { ($0.id, $0.name) })
                let shown = entries.prefix(Self.pageSize)
                var next: String?
                if entries.count > Self.pageSize, let last = shown.last?.id {
                    var parts = URLComponents()
                    parts.queryItems = ["participantId", "organisationId", "action", "from", "until"].compactMap { key in
                        values.string(key).map { URLQueryItem(name: key, value: $0) }
                    } + [URLQueryItem(name: "after", value: String(last))]
                    next = "/admin/audit?" + (parts.percentEncodedQuery ?? "")
                }
                return pages.page(request, titleKey: "audit.title", template: "audit", [
                    "entries": shown.map { entry -> [String: Any] in
                        [
                            "at": services.zone.rfc3339(Timestamp(secondsSinceEpoch: entry.at)),
                            "organisation": entry.organisationId.map { names[$0] ?? $0 } ?? "–",
                            "person": entry.person ?? "", "action": entry.action, "participantId": entry.participantId ?? "",
                            "subject": entry.subject ?? "", "address": entry.address,
                        ]
                    },
                    "hasEntries": !shown.isEmpty, "next": next as Any, "problems": problems,
                    "filter": ["participantId", "organisationId", "action", "from", "until"].reduce(into: [String: String]()) { $0[$1] = values.string($1) ?? "" },
                    "actions": AuditAction.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == query.action] },
                    "organisations": names.sorted { $0.value < $1.value }.map {
                        ["id": $0.key, "name": $0.value, "selected": $0.key == query.organisationId]
                    },
                ], staff: session)
            }
        }
    }
}
