import SchedulingCore

/// A place as the API shows it.
struct LocationView: Encodable {
    let id, name, address, district: String
    let lat, lon: Double
    let stepFree: Bool

    init(_ location: Location) {
        id = location.id
        name = location.name
        address = location.address
        district = location.district
        lat = location.coordinate.latitude
        lon = location.coordinate.longitude
        stepFree = location.stepFree
    }
}

/// A course with its seats; public, so nothing in it names a participant.
struct CourseView: Encodable {
    let id, providerId, title, kind, level, locationId, district: String
    let capacity, confirmed, waitlisted: Int
    let freeSeats: Int
    /// Participants may cancel themselves until this many hours before the first day.
    let cancelUntilHours: Int
    let womenOnly, childcare, schoolHolidays, stepFree: Bool
    let startDate, endDate, startTime, endTime: String
    let weekdays: [String]
    /// The dates it meets; only in answers about one course.
    let sessions: [String]?

    init(_ course: Course, location: Location, occupancy: (confirmed: Int, capacity: Int, waitlisted: Int)?, sessions: [LocalDate]? = nil) {
        id = course.id
        providerId = course.providerId
        title = course.title
        kind = course.kind.rawValue
        level = course.level.rawValue
        locationId = course.locationId
        district = location.district
        stepFree = location.stepFree
        capacity = occupancy?.capacity ?? course.capacity
        confirmed = occupancy?.confirmed ?? 0
        waitlisted = occupancy?.waitlisted ?? 0
        freeSeats = max(0, capacity - confirmed)
        cancelUntilHours = course.cancelUntilHours
        womenOnly = course.womenOnly
        childcare = course.childcare
        schoolHolidays = course.pausesInSchoolHolidays
        startDate = course.startDate.description
        endDate = course.endDate.description
        startTime = course.startTime.description
        endTime = course.endTime.description
        weekdays = course.weekdays.map(\.rawValue)
        self.sessions = sessions?.map(\.description)
    }
}

/// A counselling appointment.
struct SlotView: Encodable {
    let id, centreId, locationId, district, start, end, service, counsellor: String
    let durationMinutes: Int
    /// Participants may cancel or move it themselves until this many hours before it starts.
    let cancelUntilHours: Int
    let languages: [String]
    let womenOnly, stepFree, free: Bool

    init(_ slot: Slot, location: Location, free: Bool, zone: CivilZone) {
        id = slot.id
        centreId = slot.centreId
        locationId = slot.locationId
        district = location.district
        stepFree = location.stepFree
        start = zone.rfc3339(slot.start)
        end = zone.rfc3339(slot.end)
        durationMinutes = slot.durationMinutes
        cancelUntilHours = slot.cancelUntilHours
        service = slot.service.rawValue
        counsellor = slot.counsellor
        languages = slot.languages.map(\.code)
        womenOnly = slot.womenOnly
        self.free = free
    }
}
