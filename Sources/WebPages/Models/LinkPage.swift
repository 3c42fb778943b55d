import Notifier
import SchedulingCore
import Store
import WebAPI

/// What a participant sees of one booking through their personal link: the offer, where and
/// when, the status and place in line, what they may still do, and whom to call.
struct LinkPage {
    /// Other free appointments offered for a move.
    static let rescheduleChoices = 5

    let facts: MailFacts
    let waitlistPosition: Int?
    let deadline: Timestamp
    let canChange: Bool
    let slots: [(slot: Slot, location: Location)]

    /// The booking's page at `now`, with the free slots it may move to (for an appointment).
    static func load(_ facts: MailFacts, waitlistPosition: Int?, services: APIServices, now: Timestamp) async throws -> LinkPage {
        let booking = facts.booking
        let deadline = switch facts.offer {
        case .course(let course): course.cancelDeadline(in: services.zone)
        case .slot(let slot): slot.cancelDeadline
        }
        let canChange = booking.isActive && now < deadline
        var slots: [(slot: Slot, location: Location)] = []
        if canChange, booking.status == .confirmed, case .slot(let current) = facts.offer {
            slots = try await freeSlots(like: current, for: facts.participant, excluding: booking, services: services, now: now)
        }
        return LinkPage(facts: facts, waitlistPosition: waitlistPosition, deadline: deadline, canChange: canChange, slots: slots)
    }

    /// Free slots of the same service and centre the participant may take and could still move
    /// or cancel themselves, soonest first; their other confirmed bookings must not clash, the one
    /// being moved does not count.
    private static func freeSlots(
        like current: Slot, for participant: Participant, excluding booking: Booking, services: APIServices, now: Timestamp
    ) async throws -> [(slot: Slot, location: Location)] {
        let catalogue = services.catalogue
        let others = try await services.database.activeBookings(participantId: participant.id).filter { $0.booking.id != booking.id }
        let context = services.eligibilityContext(of: others, in: catalogue)
        return catalogue.slotsWithLocations
            .filter { candidate in
                candidate.slot.id != current.id && candidate.slot.centreId == current.centreId
                    && candidate.slot.service == current.service && candidate.slot.cancelDeadline > now
                    && catalogue.freeSeats(.slot(candidate.slot.id)) > 0
                    && Eligibility.isEligible(participant, for: .slot(candidate.slot, at: candidate.location), in: context)
            }
            .sorted { ($0.slot.start, $0.slot.id) < ($1.slot.start, $1.slot.id) }
            .prefix(rescheduleChoices)
            .map { $0 }
    }

    var language: LinkLanguage { LinkLanguage(facts.participant.preferredLanguage) }

    /// The template's values, in `language`; `actionBase` is the link's own path.
    func context(_ strings: UIStrings<LinkLanguage>, _ language: LinkLanguage, actionBase: String, formToken: String?, zone: CivilZone) -> [String: Any] {
        let booking = facts.booking
        let consequence = switch (facts.offer, booking.status) {
        case (.slot, _): "link.cancel.slotConsequence"
        case (.course, .waitlisted): "link.cancel.waitlistConsequence"
        case (.course, _): "link.cancel.courseConsequence"
        }
        let deadlineLocal = zone.local(deadline)
        var values: [String: Any] = [
            "offer": Self.offer(facts, language: language, zone: zone),
            "status": booking.status.rawValue,
            "statusText": strings.text("link.status.\(booking.status.rawValue)", language),
            "active": booking.isActive,
            "canChange": canChange && formToken != nil,
            "deadline": MailFormatting.date(deadlineLocal.date) + " " + MailFormatting.clock(deadlineLocal.minutes),
            "consequence": strings.text(consequence, language),
            "actionBase": actionBase,
            "centre": Self.centre(facts.centre),
            "hasSlots": !slots.isEmpty,
            "slots": slots.map { item -> [String: Any] in
                let start = zone.local(item.slot.start)
                return [
                    "id": item.slot.id, "date": MailFormatting.date(start.date),
                    "time": MailFormatting.time(from: start.minutes, to: start.minutes + item.slot.durationMinutes),
                    "place": item.location.name,
                ]
            },
        ]
        if case .slot = facts.offer { values["reschedule"] = booking.status == .confirmed }
        if let waitlistPosition, booking.status == .waitlisted { values["position"] = waitlistPosition }
        if let formToken { values["formToken"] = formToken }
        if booking.status == .confirmed { values["calendarHref"] = actionBase + "/calendar.ics" }
        return values
    }

    /// Title, dates, times and place as the participant's mail words them.
    static func offer(_ facts: MailFacts, language: LinkLanguage, zone: CivilZone) -> [String: Any] {
        var offer: [String: Any] = [
            "place": facts.location.name, "address": facts.location.address, "stepFree": facts.location.stepFree,
        ]
        switch facts.offer {
        case .course(let course):
            offer["isCourse"] = true
            offer["title"] = course.title
            offer["date"] = MailFormatting.date(course.startDate)
            offer["lastDate"] = MailFormatting.date(course.endDate)
            offer["weekdays"] = MailFormatting.weekdays(course.weekdays, language: language.rawValue)
            offer["time"] = MailFormatting.time(from: course.startTime.minutes, to: course.endTime.minutes)
        case .slot(let slot):
            let start = zone.local(slot.start)
            offer["isCourse"] = false
            offer["title"] = MailFormatting.service(slot.service)
            offer["date"] = MailFormatting.date(start.date)
            offer["time"] = MailFormatting.time(from: start.minutes, to: start.minutes + slot.durationMinutes)
        }
        return offer
    }

    static func centre(_ centre: Organisation) -> [String: Any] {
        let contact = centre.contact
        var values: [String: Any] = ["name": centre.name]
        if !contact.phone.isEmpty {
            values["phone"] = contact.phone
            values["dial"] = contact.phone.filter { $0.isNumber || $0 == "+" }
        }
        if !contact.email.isEmpty { values["email"] = contact.email }
        if !contact.address.isEmpty { values["address"] = contact.address }
        if !contact.openingHours.isEmpty { values["openingHours"] = contact.openingHours }
        return values
    }
}
