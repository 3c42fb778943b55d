import Hummingbird
import SchedulingCore
import Store

/// `GET /v1/audit`: the audit trail, for administrators (the city's data-protection officer):
/// filtered by participant, organisation, action and time, oldest first, a page at a time.
struct AuditRoutes {
    let services: APIServices

    struct AuditList: Encodable {
        let entries: [AuditEntryView]
        let nextCursor: String?
    }

    func add(to router: Router<APIRequestContext>) {
        router.get("/v1/audit") { request, context in
            _ = try context.require(.admin)
            var query = try Self.query(request, zone: services.zone)
            let limit = query.limit
            query.limit = limit + 1
            // Who looked at the trail is in it too; and what requests noted a moment ago is in the answer.
            services.audit.record(.auditRead, by: context.actor, participantId: query.participantId)
            await services.audit.flush()
            let entries = try await services.database.audit(matching: query)
            let page = Array(entries.prefix(limit))
            let next = entries.count > limit ? page.last?.id.map { Pagination.cursor(String($0)) } : nil
            return try JSONResponse.make(AuditList(entries: page.map { AuditEntryView($0, zone: services.zone) }, nextCursor: next))
        }
    }

    /// The filters of a request: 422 naming the parameter for one that cannot be read.
    static func query(_ request: Request, zone: CivilZone) throws -> AuditQuery {
        let values = QueryValues(request: request)
        let pagination = try Pagination(request)
        var query = AuditQuery(
            participantId: values.string("participantId"), organisationId: values.string("organisationId"),
            action: values.string("action"), limit: pagination.limit ?? 100)
        if let action = query.action, AuditAction(rawValue: action) == nil {
            throw APIError.invalid(field: "action", "must be one of: " + AuditAction.allCases.map(\.rawValue).joined(separator: ", "))
        }
        for (name, keyPath) in [("from", \AuditQuery.from), ("until", \AuditQuery.until)] {
            guard let text = values.string(name) else { continue }
            guard let stamp = Timestamp(rfc3339: text) else { throw APIError.invalid(field: name, "must be an RFC 3339 timestamp with offset") }
            query[keyPath: keyPath] = stamp.secondsSinceEpoch
        }
        if let after = pagination.after {
            guard let id = Int64(after) else { throw APIError.invalid(field: "cursor", "is not a cursor this API gave out") }
            query.afterId = id
        }
        return query
    }
}

/// One audit entry as the API shows it.
struct AuditEntryView: Encodable {
    let id: Int64
    let at, action, address: String
    let organisationId, person, participantId, subject: String?

    init(_ entry: AuditEntry, zone: CivilZone) {
        id = entry.id ?? 0
        at = zone.rfc3339(Timestamp(secondsSinceEpoch: entry.at))
        action = entry.action
        address = entry.address
        organisationId = entry.organisationId
        person = entry.person
        participantId = entry.participantId
        subject = entry.subject
    }

    enum CodingKeys: String, CodingKey {
        case id, at, action, address, organisationId, person, participantId, subject
    }

    /// Every key is present, null when empty, as elsewhere in the API.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(at, forKey: .at)
        try container.encode(action, forKey: .action)
        try container.encode(address, forKey: .address)
        try container.encode(organisationId, forKey: .organisationId)
        try container.encode(person, forKey: .person)
        try container.encode(participantId, forKey: .participantId)
        try container.encode(subject, forKey: .subject)
    }
}
