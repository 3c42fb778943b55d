import Foundation
import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// An advice centre's counselling hours: set up in series on a form with a preview, and a
/// counsellor's day, where free slots can be removed. A booked slot is freed only by cancelling
/// its booking on the participant's page, which tells the participant by mail.
struct CentreSlotRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }

    func add(to router: Router<APIRequestContext>) {
        router.get("/centre/slots/new") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                return try await seriesPage(request, session, SlotSeriesForm.blank)
            }
        }

        router.post("/centre/slots/new") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let form = try await pages.form(request, session)
                var seriesForm = SlotSeriesForm(form)
                let places = try await pages.ownPlaces(session)
                let prefix = Identifier.timeOrdered(prefix: "slt")
                let holidays = services.calendars.publicHolidays
                guard let (series, place) = seriesForm.validated(
                    centreId: session.organisation.id, places: places, zone: services.zone, holidays: holidays, id: { "\(prefix)-\($0 + 1)" })
                else {
                    return try await seriesPage(request, session, seriesForm, places: places, status: .unprocessableContent)
                }
                guard form["save"] != nil else {
                    let preview = SlotSeriesForm.preview(
                        of: series, holidays: holidays, zone: services.zone, pages.renderer.strings, PageLanguage.of(request))
                    return try await seriesPage(request, session, seriesForm, places: places, preview: preview)
                }
                _ = try await services.submit(.putOffers(courses: [], slots: series.slots.map { ($0, place) }))
                let first = services.zone.local(series.slots[0].start).date
                return .seeOther("/centre/slots?\(dayQuery(first, counsellor: series.slots[0].counsellor))&done=slotsCreated")
            }
        }

        router.get("/centre/slots") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let query = request.uri.queryParameters
                let date = query["date"].flatMap { LocalDate(iso: $0) } ?? services.zone.local(services.now()).date
                let counsellor = query["counsellor"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
                let own = services.catalogue.slotsWithLocations.filter {
                    session.organisation.kind == .admin || $0.slot.centreId == session.organisation.id
                }
                let day = own.filter { services.zone.local($0.slot.start).date == date && (counsellor == nil || $0.slot.counsellor == counsellor) }
                    .sorted { ($0.slot.start, $0.slot.id) < ($1.slot.start, $1.slot.id) }
                let holders = try await services.database.slotHolders(
                    slotIds: Set(day.map(\.slot.id)), centreId: session.organisation.kind == .admin ? nil : session.organisation.id)
                let named: [String] = holders.values.filter { $0.name != nil }.map(\.participantId).sorted()
                pages.audit(.participantListed, session, context, participantIds: named, subject: "slots \(date)")
                let language = PageLanguage.of(request)
                var values: [String: Any] = [
                    "date": date.description, "dateLabel": "\(pages.text("weekday.\(date.weekday.rawValue)", request)), \(date)",
                    "previous": dayQuery(date.adding(days: -1), counsellor: counsellor), "next": dayQuery(date.adding(days: 1), counsellor: counsellor),
                    "counsellors": choices(
                        [("", pages.text("slots.everyone", request))] + Set(own.map(\.slot.counsellor)).filter { !$0.isEmpty }.sorted().map { ($0, $0) },
                        selected: counsellor ?? ""),
                    "hasSlots": !day.isEmpty, "filter": counsellor ?? "",
                    "slots": day.map { entry -> [String: Any] in
                        let local = services.zone.local(entry.slot.start)
                        var row: [String: Any] = [
                            "id": entry.slot.id, "time": "\(TimeOfDay(minutes: local.minutes)!)", "minutes": entry.slot.durationMinutes,
                            "service": pages.renderer.strings.text("service.\(entry.slot.service.rawValue)", language),
                            "languages": entry.slot.languages.map(\.code).joined(separator: ", "), "place": entry.location.name,
                            "counsellor": entry.slot.counsellor,
                        ]
                        if let holder = holders[entry.slot.id] {
                            row["booked"] = true
                            if let name = holder.name { row["holder"] = ["name": name, "participantId": holder.participantId] }
                        }
                        return row
                    },
                ]
                values.merge(pages.outcomeMessages(request)) { $1 }
                return pages.page(request, titleKey: "slots.title", template: "slots", values, staff: session)
            }
        }

        router.post("/centre/slots/:id/remove") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let form = try await pages.form(request, session)
                let id = try context.parameters.require("id")
                guard let slot = services.catalogue.slot(id: id), session.organisation.kind == .admin || slot.centreId == session.organisation.id else {
                    throw PageExit.error(.notFound, "error.notFound")
                }
                let back = "/centre/slots?\(dayQuery(services.zone.local(slot.start).date, counsellor: form["counsellor"]))"
                return try await pages.submit(.removeSlot(slotId: slot.id), for: request, returningTo: back, done: "slotRemoved")
            }
        }
    }

    /// `date=…&counsellor=…` for the day view's address.
    private func dayQuery(_ date: LocalDate, counsellor: String?) -> String {
        // ASCII letters and digits only: `.alphanumerics` would let ü or ı into a Location header.
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let name = (counsellor ?? "").addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        return "date=\(date)&counsellor=\(name)"
    }

    private func seriesPage(
        _ request: Request, _ session: StaffSessions.Session, _ form: SlotSeriesForm, places: [Location]? = nil,
        preview: [String: Any]? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let places = if let places { places } else { try await pages.ownPlaces(session) }
        var values = form.context(pages.renderer.strings, PageLanguage.of(request), places: places)
        if let preview { values["preview"] = preview }
        return pages.page(request, titleKey: "slotSeries.title", template: "slot-series", values, staff: session, status: status)
    }
}
