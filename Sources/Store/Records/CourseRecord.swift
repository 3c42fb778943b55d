import GRDB
import SchedulingCore

/// A row of `course`.
struct CourseRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "course"
    var id: String
    var providerId: String
    var title: String
    var kind: String
    var level: String
    var locationId: String
    var capacity: Int
    var womenOnly: Bool
    var childcare: Bool
    var startDate: String
    var endDate: String
    var weekdays: Int
    var startMinute: Int
    var endMinute: Int
    var pausesInSchoolHolidays: Bool
    var createdAt: Int64
    var cancelUntilHours: Int

    init(_ course: Course, createdAt: Timestamp) {
        id = course.id
        providerId = course.providerId
        title = course.title
        kind = course.kind.rawValue
        level = course.level.rawValue
        locationId = course.locationId
        capacity = course.capacity
        womenOnly = course.womenOnly
        childcare = course.childcare
        startDate = course.startDate.description
        endDate = course.endDate.description
        weekdays = Int(course.weekdays.rawValue)
        startMinute = course.startTime.minutes
        endMinute = course.endTime.minutes
        pausesInSchoolHolidays = course.pausesInSchoolHolidays
        self.createdAt = createdAt.secondsSinceEpoch
        cancelUntilHours = course.cancelUntilHours
    }

    func model() throws -> Course {
        Course(
            id: id, providerId: providerId, title: title,
            kind: try decode(CourseKind.self, kind, column: "course.kind"),
            level: try decode(Level.self, level, column: "course.level"),
            locationId: locationId, capacity: capacity, womenOnly: womenOnly, childcare: childcare,
            startDate: try decodeDate(startDate, column: "course.startDate"),
            endDate: try decodeDate(endDate, column: "course.endDate"),
            weekdays: WeekdaySet(rawValue: UInt8(truncatingIfNeeded: weekdays)),
            startTime: try decodeTime(startMinute, column: "course.startMinute"),
            endTime: try decodeTime(endMinute, column: "course.endMinute"),
            pausesInSchoolHolidays: pausesInSchoolHolidays, cancelUntilHours: cancelUntilHours)
    }
}
