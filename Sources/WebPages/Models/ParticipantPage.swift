import SchedulingCore
import Store
import WebAPI

/// What an advice centre sees of one participant: details, bookings with waitlist positions,
/// the best courses and appointments with their reasons, and offers they cannot take with the
/// rules that stand in the way.
struct ParticipantPage {
    static let courseMatches = 10
    static let slotMatches = 5
    static let notEligibleShown = 10

    let participant: Participant
    let bookings: [(booking: Booking, title: String, position: Int?, line: BookingLine, begun: Bool)]
    /// The latest cancellations, each with who cancelled.
    let cancelled: [(booking: Booking, title: String)]
    let courses: [(match: Match, card: CourseCard)]
    let slots: [(match: Match, slot: Slot, location: Location)]
    let notEligible: [(title: String, rules: [EligibilityRule])]

    /// The bookings from the store, everything about offers from one published catalogue.
    static func load(_ participant: Participant, services: APIServices) async throws -> ParticipantPage {
        let catalogue = services.catalogue
        let index = services.offers.index(of: catalogue)
        let lines = try await services.database.activeBookings(participantId: participant.id)
        let context = services.eligibilityContext(of: lines, in: catalogue)
        let now = services.now()
        let bookings = lines.map { line in
            // An appointment that has begun gets its outcome: did the participant come?
            let begun = if case .slot(let id) = line.booking.offer, let slot = catalogue.slot(id: id) { slot.start <= now } else { false }
            return (line.booking, title(of: line.booking.offer, in: catalogue, zone: services.zone), line.waitlistPosition, line, begun)
        }
        let courses = index.rank(participant: participant, kind: .course, context: context, limit: courseMatches, freeSeats: catalogue.freeSeats)
            .compactMap { match -> (Match, CourseCard)? in
                guard case .course(let id) = match.offer, let found = catalogue.courseWithLocation(id: id) else { return nil }
                return (match, CourseCard(course: found.course, location: found.location, occupancy: catalogue.occupancy(courseId: id)))
            }
        let slots = index.rank(participant: participant, kind: .slot, context: context, limit: slotMatches, freeSeats: catalogue.freeSeats)
            .compactMap { match -> (Match, Slot, Location)? in
                guard case .slot(let id) = match.offer, let found = catalogue.slotWithLocation(id: id) else { return nil }
                return (match, found.slot, found.location)
            }
        var cancelled: [(Booking, String)] = []
        for booking in try await services.database.cancelledBookings(participantId: participant.id) {
            // A course withdrawn or a slot removed is no longer in the catalogue; its row has the name.
            var title = catalogueTitle(of: booking.offer, in: catalogue, zone: services.zone)
            if title == nil {
                let stored = try await services.database.storedOffer(booking.offer)
                title = stored.course?.title ?? stored.slot.map { slotTitle($0, zone: services.zone) }
            }
            cancelled.append((booking, title ?? booking.offer.id))
        }
        let booked = Set(bookings.map(\.0.offer))
        let notEligible = catalogue.coursesWithLocations
            .filter { !booked.contains(.course($0.course.id)) }
            .sorted { ($0.course.startDate, $0.course.id) < ($1.course.startDate, $1.course.id) }
            .lazy
            .map { ($0.course.title, Eligibility.failures(of: participant, for: .course($0.course, at: $0.location), in: context)) }
            .filter { !$0.1.isEmpty }
            .prefix(notEligibleShown)
        return ParticipantPage(participant: participant, bookings: bookings, cancelled: cancelled, courses: courses, slots: slots, notEligible: Array(notEligible))
    }

    static func title(of offer: OfferRef, in catalogue: CatalogueSnapshot, zone: CivilZone) -> String {
        catalogueTitle(of: offer, in: catalogue, zone: zone) ?? offer.id
    }

    /// The offer's title, if the catalogue still has it.
    static func catalogueTitle(of offer: OfferRef, in catalogue: CatalogueSnapshot, zone: CivilZone) -> String? {
        switch offer {
        case .course(let id): catalogue.course(id: id)?.title
        case .slot(let id): catalogue.slot(id: id).map { slotTitle($0, zone: zone) }
        }
    }

    static func slotTitle(_ slot: Slot, zone: CivilZone) -> String {
        "\(slot.service.rawValue) · \(zone.rfc3339(slot.start))"
    }

    func context(_ strings: UIStrings<PageLanguage>, _ language: PageLanguage, zone: CivilZone) -> [String: Any] {
        let english = language == .en
        func reasons(_ match: Match) -> [String] { match.reasons.map { english ? $0.english : $0.german } }
        let needs = [
            participant.needs.womenOnly ? strings.text("register.needsWomenOnly", language) : nil,
            participant.needs.childcare ? strings.text("register.needsChildcare", language) : nil,
            participant.needs.stepFree ? strings.text("register.needsStepFree", language) : nil,
        ].compactMap { $0 }
        var person: [String: Any] = [
            "id": participant.id, "name": participant.name, "preferredLanguage": participant.preferredLanguage.code,
            "languages": participant.languages.map(\.code).joined(separator: ", "), "district": participant.district,
            "level": participant.level.rawValue, "needs": needs.joined(separator: ", "),
            "registered": zone.local(participant.registeredAt).date.description,
        ]
        // Left out, not empty: a section over an empty string would still show its row.
        if let email = participant.email { person["email"] = email }
        if let phone = participant.phone { person["phone"] = phone }
        return [
            "participant": person,
            "bookings": bookings.map { item -> [String: Any] in
                [
                    "id": item.booking.id, "title": item.title, "confirmed": item.booking.status == .confirmed,
                    "waitlisted": item.booking.status == .waitlisted, "position": item.position ?? 0,
                    "atRisk": item.line.atRisk && item.line.attendanceShared, "outcome": item.begun && item.booking.status == .confirmed,
                    "attended": item.line.attended == true, "missed": item.line.attended == false,
                ]
            },
            "hasCancelled": !cancelled.isEmpty,
            "cancelled": cancelled.map { item -> [String: Any] in
                [
                    "title": item.title, "at": zone.local(item.booking.updatedAt).date.description,
                    "by": strings.text("booking.cancelledBy.\(item.booking.cancelledBy?.rawValue ?? "centre")", language),
                ]
            },
            "courseMatches": courses.map { item -> [String: Any] in
                var card = item.card.context(strings, language)
                card["score"] = String(format: "%.2f", item.match.score)
                card["distanceKm"] = String(format: "%.1f", item.match.distanceKm)
                card["reasons"] = reasons(item.match)
                card["matchFull"] = item.match.full
                return card
            },
            "slotMatches": slots.map { item -> [String: Any] in
                [
                    "id": item.slot.id, "service": item.slot.service.rawValue, "start": zone.rfc3339(item.slot.start),
                    "durationMinutes": item.slot.durationMinutes, "place": item.location.name, "district": item.location.district,
                    "distanceKm": String(format: "%.1f", item.match.distanceKm), "reasons": reasons(item.match),
                ]
            },
            "notEligible": notEligible.map { item -> [String: Any] in
                ["title": item.title, "rules": item.rules.map { ["code": $0.rawValue, "explanation": strings.text("rule.\($0.rawValue)", language)] }]
            },
        ]
    }
}
