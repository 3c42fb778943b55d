import Foundation
import ICalendar
import SchedulingCore

extension HolidayCalendars {
    /// Reads `holidays-REGION.ics` (required) and `school-holidays-REGION.ics` (optional) from
    /// `directory`: one region's public and school holidays.
    public static func load(from directory: URL, region: String) throws -> HolidayCalendars {
        func read(_ name: String) throws -> HolidayCalendar? {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            let text = try String(contentsOf: url, encoding: .utf8)
            do {
                return try HolidayCalendar(icalendar: text)
            } catch {
                throw CalendarFileError(file: url.path, error: error)
            }
        }
        guard let publicHolidays = try read("holidays-\(region).ics") else {
            throw CalendarFileError(file: directory.appendingPathComponent("holidays-\(region).ics").path, error: nil)
        }
        return HolidayCalendars(publicHolidays: publicHolidays, schoolHolidays: try read("school-holidays-\(region).ics") ?? .init())
    }
}

/// A holiday calendar is missing or unreadable.
public struct CalendarFileError: Error, CustomStringConvertible {
    public let file: String
    public let error: ICalendarError?
    public var description: String {
        error.map { "\(file): not a valid calendar (\($0))" } ?? "\(file): missing"
    }
}
