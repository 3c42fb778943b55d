import SchedulingCore
import Store

/// Which offers have been scanned for reminders, and when the next scan is due.
struct ReminderScan: Sendable {
    private var remindedOffers: Set<OfferRef> = []
    private var nextScan = Timestamp(secondsSinceEpoch: 0)

    func isDue(at now: Timestamp) -> Bool { now >= nextScan }

    mutating func postpone(from now: Timestamp) {
        nextScan = now.adding(seconds: 60)
    }

    /// Queues reminders for the confirmed bookings of offers that begin within the lead and were
    /// not scanned before; answers how many, and the scan state to keep. Blocking (database).
    func run(
        _ reminders: ReminderSchedule, database: AppDatabase, composer: MailComposer, now: Timestamp
    ) throws -> (queued: Int, next: ReminderScan) {
        var next = self
        next.postpone(from: now)
        let horizon = now.adding(seconds: reminders.leadSeconds)
        var starts: [OfferRef: Timestamp] = [:]
        for slot in try database.slots(startingAfter: now, through: horizon) { starts[.slot(slot.id)] = slot.start }
        let zone = composer.zone
        for course in try database.courses(startingFrom: zone.local(now).date, through: zone.local(horizon).date) {
            guard let start = ReminderSchedule.firstMeeting(of: course, calendars: composer.calendars, zone: zone),
                  start > now, start <= horizon else { continue }
            starts[.course(course.id)] = start
        }
        let fresh = starts.filter { !remindedOffers.contains($0.key) }
        guard !fresh.isEmpty else { return (0, next) }
        var courseIds: Set<String> = [], slotIds: Set<String> = []
        for offer in fresh.keys {
            switch offer {
            case .course(let id): courseIds.insert(id)
            case .slot(let id): slotIds.insert(id)
            }
        }
        let bookings = try database.confirmedBookings(courseIds: courseIds, slotIds: slotIds)
        let queued = try database.queueReminders(reminders.due(bookings: bookings, starts: fresh, now: now), now: now)
        next.remindedOffers.formUnion(fresh.keys)
        return (queued, next)
    }
}
