import Foundation
import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// The advice-centre workspace: its participants, each one's matches and bookings, registration
/// with consent, and the allocation with a preview. A centre sees only its own participants.
struct CentreRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }

    func add(to router: Router<APIRequestContext>) {
        router.get("/centre") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let search = request.uri.queryParameters["q"].map { NFC.normalised(String($0)).lowercased() } ?? ""
                let centreId = session.organisation.kind == .admin ? nil : session.organisation.id
                let everyone = try await services.database.participants(centreId: centreId)
                let people = everyone.filter { person in
                    search.isEmpty || [person.name, person.email ?? "", person.phone ?? "", person.district].contains { $0.lowercased().contains(search) }
                }
                let rows = people.map { person -> [String: Any] in
                    ["id": person.id, "name": person.name, "email": person.email ?? "", "district": person.district, "level": person.level.rawValue]
                }
                // Notices whatever the search: a search narrows the list of people, not what needs doing.
                let names = Dictionary(everyone.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
                let notices = try await services.database.centreNotices(centreId: centreId, limit: 20).compactMap { notice -> [String: Any]? in
                    guard let name = names[notice.participantId] else { return nil }
                    return ["participantId": notice.participantId, "name": name, "at": services.zone.local(notice.createdAt).date.description]
                }
                let noShows = try await services.database.noShows(centreId: centreId, limit: 20).compactMap { line -> [String: Any]? in
                    guard let name = names[line.booking.participantId] else { return nil }
                    return ["participantId": line.booking.participantId, "name": name]
                }
                // Notices name people a search may have left out of the list.
                let shown = Set(people.map(\.id)).union(notices.compactMap { $0["participantId"] as? String })
                    .union(noShows.compactMap { $0["participantId"] as? String })
                pages.audit(.participantListed, session, context, participantIds: shown.sorted())
                return pages.page(request, titleKey: "participants.title", template: "participants", [
                    "participants": rows, "q": search, "notices": notices, "noShows": noShows,
                    "hasNotices": !notices.isEmpty || !noShows.isEmpty,
                ], staff: session)
            }
        }

        router.get("/centre/participants/new") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                return pages.page(request, titleKey: "register.title", template: "register", await registerContext(request, problem: nil), staff: session)
            }
        }

        router.post("/centre/participants") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let form = try await pages.form(request, session)
                let districts = districtCentres()
                let centre = form["district"].flatMap { districts[$0] }
                let input = ParticipantInput(
                    name: form["name"], email: form["email"], phone: form["phone"], preferredLanguage: form["preferredLanguage"],
                    languages: form["languages"]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                    gender: form["gender"], district: form["district"], lat: centre?.latitude, lon: centre?.longitude,
                    level: form["level"],
                    needs: NeedsInput(womenOnly: form.isTicked("needsWomenOnly"), childcare: form.isTicked("needsChildcare"), stepFree: form.isTicked("needsStepFree")),
                    consent: form.isTicked("consent"), attendanceConsent: form.isTicked("attendanceConsent"))
                do {
                    let participant = try input.validated(
                        id: Identifier.timeOrdered(prefix: "par"), centreId: session.organisation.id, now: services.now(),
                        recordedByPerson: session.account.id)
                    _ = try await services.submit(.putParticipant(participant))
                    pages.audit(.participantCreated, session, context, participantId: participant.id)
                    return .seeOther("/centre/participants/\(participant.id)?done=registered")
                } catch let failure as ValidationFailure {
                    return pages.page(
                        request, titleKey: "register.title", template: "register", await registerContext(request, problem: failure.description),
                        staff: session, status: .unprocessableContent)
                }
            }
        }

        router.get("/centre/participants/:id") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let participant = try await services.participant(try context.parameters.require("id"), for: session.organisation)
                let page = try await ParticipantPage.load(participant, services: services)
                pages.audit(.participantRead, session, context, participantId: participant.id)
                var values = page.context(pages.renderer.strings, PageLanguage.of(request), zone: services.zone)
                values.merge(pages.outcomeMessages(request)) { $1 }
                return pages.page(request, titleKey: "participants.title", template: "participant", values, staff: session)
            }
        }

        router.post("/centre/bookings") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let form = try await pages.form(request, session)
                let participant = try await services.participant(form["participantId"] ?? "", for: session.organisation)
                let offer: OfferRef
                if let course = form["courseId"] { offer = .course(course) } else if let slot = form["slotId"] { offer = .slot(slot) } else {
                    throw PageExit.error(.badRequest, "error.title")
                }
                let booking = BookingRequest(
                    bookingId: Identifier.timeOrdered(prefix: "bkg"), participantId: participant.id, offer: offer,
                    centreId: session.organisation.kind == .admin ? nil : session.organisation.id)
                return try await pages.submit(.book(booking), for: request, returningTo: "/centre/participants/\(participant.id)", done: "booked") {
                    pages.audit(.bookingCreated, session, context, participantId: participant.id, subject: booking.bookingId)
                }
            }
        }

        router.post("/centre/bookings/:id/cancel") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                _ = try await pages.form(request, session)
                let (booking, _) = try await services.booking(try context.parameters.require("id"), for: session.organisation)
                return try await pages.submit(
                    .cancel(bookingId: booking.id, by: .centre), for: request, returningTo: "/centre/participants/\(booking.participantId)", done: "cancelled"
                ) {
                    pages.audit(.bookingCancelled, session, context, participantId: booking.participantId, subject: booking.id)
                }
            }
        }

        router.post("/centre/bookings/:id/outcome") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let form = try await pages.form(request, session)
                let line = try await services.bookingLine(try context.parameters.require("id"), for: session.organisation)
                let back = "/centre/participants/\(line.booking.participantId)"
                guard let attended = form["attended"].flatMap(Bool.init) else { return .seeOther("\(back)?problem=outcome") }
                do {
                    try await services.recordOutcome(of: line, attended: attended)
                    pages.audit(.outcomeRecorded, session, context, participantId: line.booking.participantId, subject: line.booking.id)
                } catch {
                    return try pages.refused(request, returningTo: back, after: error)
                }
                return .seeOther("\(back)?done=outcomeRecorded")
            }
        }

        router.get("/centre/bookings/:id/print") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let (booking, _) = try await services.booking(try context.parameters.require("id"), for: session.organisation)
                guard let (facts, position) = try await services.database.bookingFacts(bookingId: booking.id) else {
                    throw PageExit.error(.notFound, "error.title")
                }
                let sheet = try await ConfirmationSheet.render(facts, waitlistPosition: position, pages: pages)
                pages.audit(.bookingRead, session, context, participantId: booking.participantId, subject: booking.id)
                let html = pages.renderer.participantDocument(
                    "confirmation-sheet", sheet, language: LinkLanguage(facts.participant.preferredLanguage), titleKey: "print.title")
                return .page(html)
            }
        }

        router.get("/centre/allocation") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                return pages.page(request, titleKey: "allocation.title", template: "allocation", [:], staff: session)
            }
        }

        router.post("/centre/allocation") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .adviceCentre)
                let form = try await pages.form(request, session)
                let dryRun = form["mode"] != "run"
                let centreId = session.organisation.kind == .admin ? nil : session.organisation.id
                let outcome = try await services.allocate(AllocationRequest(
                    courseIds: nil, centreId: centreId, dryRun: dryRun, bookingIdPrefix: Identifier.timeOrdered(prefix: "alc")),
                    for: session.organisation.id)
                let people = Dictionary(
                    uniqueKeysWithValues: try await services.database.participants(centreId: centreId).map { ($0.id, $0.name) })
                let catalogue = services.catalogue
                pages.audit(
                    dryRun ? .participantListed : .bookingCreated, session, context, participantIds: outcome.placements.map(\.participantId),
                    subject: "allocation")
                let names = outcome.placements.map {
                    (people[$0.participantId] ?? $0.participantId, catalogue.course(id: $0.courseId)?.title ?? $0.courseId)
                }
                return pages.page(request, titleKey: "allocation.title", template: "allocation", [
                    "result": [
                        "dryRun": dryRun, "assigned": outcome.placements.count, "unassigned": outcome.unassigned,
                        "placements": names.map { ["participant": $0.0, "course": $0.1] },
                    ] as [String: Any],
                ], staff: session)
            }
        }
    }

    /// Districts that have a place, each with the middle of its places: where a participant
    /// registered in that district is assumed to live.
    private func districtCentres() -> [String: Coordinate] {
        let catalogue = services.catalogue
        let places = catalogue.coursesWithLocations.map(\.location) + catalogue.slotsWithLocations.map(\.location)
        return Dictionary(grouping: places, by: \.district).mapValues { places in
            Coordinate(
                latitude: places.map(\.coordinate.latitude).reduce(0, +) / Double(places.count),
                longitude: places.map(\.coordinate.longitude).reduce(0, +) / Double(places.count))
        }
    }

    private func registerContext(_ request: Request, problem: String?) async -> [String: Any] {
        let language = PageLanguage.of(request)
        let strings = pages.renderer.strings
        var context: [String: Any] = [
            "districts": choices(districtCentres().keys.sorted().map { ($0, $0) }, selected: nil),
            "levels": choices(Level.allCases.map { ($0.rawValue, $0.rawValue) }, selected: Level.none.rawValue),
            "genders": choices(Gender.allCases.map { ($0.rawValue, strings.text("register.gender.\($0.rawValue)", language)) }, selected: Gender.unspecified.rawValue),
            "mailLanguages": choices(["de", "en", "tr", "ar", "uk", "bg", "ru", "pl", "ro", "fa"].map { ($0, $0) }, selected: "de"),
        ]
        if let problem { context["problem"] = problem }
        return context
    }
}
