import Foundation
import Hummingbird
import Importing
import MultipartKit
import NIOPosix
import SchedulingCore
import Store
import WebAPI

/// Spreadsheets uploaded on a workspace: places and courses for a provider, counselling slots and
/// participants for an advice centre, in the CSV formats of `Samples/`. The whole file is checked
/// first and every bad row is shown; a clean file shows what it will create, and only the confirm
/// button stores it, through the booking engine (places straight into the database), all of it
/// or none.
struct UploadRoutes {
    let pages: WebPages
    /// `/provider` or `/centre`.
    let workspace: String
    let role: OrganisationKind
    let kinds: [ImportKind]
    private var services: APIServices { pages.services }
    static let maximumBytes = 2 * 1024 * 1024

    /// The multipart form of the upload page.
    struct Upload: Decodable {
        var csrf: String?
        var kind: String?
        var file: Data?
    }

    func add(to router: Router<APIRequestContext>) {
        router.get("\(workspace)/upload") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, role)
                return page(request, session, [:])
            }
        }

        router.post("\(workspace)/upload") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, role)
                var request = request
                let body: ByteBuffer
                do {
                    body = try await request.collectBody(upTo: Self.maximumBytes)
                } catch let error as HTTPError where error.status == .contentTooLarge {
                    return page(request, session, ["problem": pages.text("upload.tooLarge", request)], status: .contentTooLarge)
                }
                guard let type = request.headers[.contentType], let boundary = Self.boundary(of: type) else {
                    throw PageExit.error(.badRequest, "upload.unreadable")
                }
                let upload: Upload
                do {
                    upload = try FormDataDecoder().decode(Upload.self, from: body, boundary: boundary)
                } catch {
                    context.logger.info("upload form unreadable", metadata: ["error": "\(error)"])
                    throw PageExit.error(.badRequest, "upload.unreadable")
                }
                try pages.checkCSRF(upload.csrf, session)
                guard let kind = upload.kind.flatMap(ImportKind.init(rawValue:)), kinds.contains(kind), let file = upload.file, !file.isEmpty else {
                    return page(request, session, ["problem": pages.text("upload.choose", request)], status: .unprocessableContent)
                }
                return try await checked(request, session, kind: kind, bytes: [UInt8](file))
            }
        }

        router.post("\(workspace)/upload/confirm") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, role)
                let form = try await pages.form(request, session, upTo: 4 * Self.maximumBytes)
                guard let kind = form["kind"].flatMap(ImportKind.init(rawValue:)), kinds.contains(kind), let text = form["csv"] else {
                    throw PageExit.error(.badRequest, "upload.unreadable")
                }
                // Checked again: the database may have changed since the file was shown.
                let batch: ImportBatch
                switch try await check(kind: kind, bytes: Array(text.utf8), owner: session.organisation.id) {
                case .failure(let failures): return failurePage(request, session, failures.all)
                case .success(let clean): batch = clean
                }
                do {
                    try await store(batch, session, context)
                } catch let refusal as APIError where refusal.status.code < 500 {
                    return page(request, session, ["problem": refusal.detail ?? refusal.slug], status: refusal.status)
                }
                return .seeOther("\(workspace)/upload?done=uploadStored")
            }
        }
    }

    private func checked(_ request: Request, _ session: StaffSessions.Session, kind: ImportKind, bytes: [UInt8]) async throws -> Response {
        switch try await check(kind: kind, bytes: bytes, owner: session.organisation.id) {
        case .failure(let failures):
            return failurePage(request, session, failures.all)
        case .success(let batch):
            return page(request, session, [
                "clean": [
                    "count": batch.count, "kind": kind.rawValue, "kindLabel": pages.text("upload.kind.\(kind.rawValue)", request),
                    "csv": String(decoding: bytes, as: UTF8.self), "rows": Self.rows(of: batch, zone: services.zone),
                ] as [String: Any],
            ])
        }
    }

    /// The file read and checked off the event loop (the importer reads the database synchronously).
    private func check(kind: ImportKind, bytes: [UInt8], owner: String) async throws -> Result<ImportBatch, ImportFailures> {
        let importer = Importer(database: services.database, now: services.now())
        return try await NIOThreadPool.singleton.runIfActive {
            do {
                let file = try ImportFile(name: "\(kind.rawValue).csv", kind: kind, csv: bytes)
                return .success(try importer.check(file, owner: owner))
            } catch let failure as ImportFailure {
                return .failure(ImportFailures(all: [failure]))
            } catch let failures as ImportFailures {
                return .failure(failures)
            }
        }
    }

    private func store(_ batch: ImportBatch, _ session: StaffSessions.Session, _ context: APIRequestContext) async throws {
        if !batch.locations.isEmpty { try await services.database.insert(batch.locations) }
        if !batch.courses.isEmpty || !batch.slots.isEmpty {
            let ids = Set(batch.courses.map(\.locationId) + batch.slots.map(\.locationId))
            var places: [String: Location] = [:]
            for id in ids {
                // Checked a moment ago; a place gone since refuses the whole file.
                guard let place = try await services.database.location(id: id) else { throw APIError.conflict("place-gone", "The place \(id) is gone; nothing was stored.") }
                places[id] = place
            }
            _ = try await services.submit(.putOffers(
                courses: batch.courses.map { ($0, places[$0.locationId]!) }, slots: batch.slots.map { ($0, places[$0.locationId]!) }))
        }
        if !batch.participants.isEmpty {
            _ = try await services.submit(.putParticipants(batch.participants))
            pages.audit(.participantCreated, session, context, participantIds: batch.participants.map(\.id), subject: "upload")
        }
    }

    private func failurePage(_ request: Request, _ session: StaffSessions.Session, _ failures: [ImportFailure]) -> Response {
        page(request, session, [
            "failures": failures.map { ["line": $0.line, "reason": $0.reason, "wholeFile": $0.line == 0] as [String: Any] },
            "failureCount": failures.count,
        ], status: .unprocessableContent)
    }

    private func page(_ request: Request, _ session: StaffSessions.Session, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var values = values
        values["action"] = "\(workspace)/upload"
        values["kinds"] = kinds.map { kind -> [String: Any] in
            ["value": kind.rawValue, "label": pages.text("upload.kind.\(kind.rawValue)", request), "columns": kind.csvColumns.joined(separator: ", ")]
        }
        values.merge(pages.outcomeMessages(request)) { $1 }
        return pages.page(request, titleKey: "upload.title", template: "upload", values, staff: session, status: status)
    }

    /// What a clean file will create, one line per row: its id and name or title.
    static func rows(of batch: ImportBatch, zone: CivilZone) -> [[String: String]] {
        batch.locations.map { ["id": $0.id, "name": "\($0.name), \($0.district)"] }
            + batch.courses.map { ["id": $0.id, "name": "\($0.title) (\($0.level.rawValue), \($0.startDate))"] }
            + batch.slots.map { ["id": $0.id, "name": "\($0.counsellor) \(zone.rfc3339($0.start))"] }
            + batch.participants.map { ["id": $0.id, "name": $0.name] }
    }

    /// The `boundary` parameter of a `multipart/form-data` content type.
    static func boundary(of contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let range = contentType.range(of: "boundary=", options: .caseInsensitive) else { return nil }
        let value = contentType[range.upperBound...].prefix { $0 != ";" }
        return value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
    }
}
