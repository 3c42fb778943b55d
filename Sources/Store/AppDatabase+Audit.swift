import GRDB

/// What `AppDatabase.audit(matching:)` filters by; every part is optional.
public struct AuditQuery: Sendable, Equatable {
    public var participantId: String?
    public var organisationId: String?
    public var action: String?
    /// Seconds since 1970, inclusive.
    public var from: Int64?
    /// Seconds since 1970, exclusive.
    public var until: Int64?
    /// Entries after this id (the next page).
    public var afterId: Int64 = 0
    public var limit: Int = 100

    public init(
        participantId: String? = nil, organisationId: String? = nil, action: String? = nil, from: Int64? = nil,
        until: Int64? = nil, afterId: Int64 = 0, limit: Int = 100
    ) {
        self.participantId = participantId
        self.organisationId = organisationId
        self.action = action
        self.from = from
        self.until = until
        self.afterId = afterId
        self.limit = limit
    }
}

extension AppDatabase {
    /// Appends entries in one transaction.
    public func append(audit entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await write { db in
            for entry in entries { try entry.insert(db) }
        }
    }

    /// Entries matching `query`, oldest first.
    public func audit(matching query: AuditQuery) async throws -> [AuditEntry] {
        try await read { db in
            var request = AuditEntry.filter(Column("id") > query.afterId)
            if let id = query.participantId { request = request.filter(Column("participantId") == id) }
            if let id = query.organisationId { request = request.filter(Column("organisationId") == id) }
            if let action = query.action { request = request.filter(Column("action") == action) }
            if let from = query.from { request = request.filter(Column("at") >= from) }
            if let until = query.until { request = request.filter(Column("at") < until) }
            return try request.order(Column("id")).limit(query.limit).fetchAll(db)
        }
    }
}
