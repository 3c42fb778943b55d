@testable import SchedulingCore

/// Small builders so each test states only what it is about.
enum Fixture {
    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func time(_ text: String) -> TimeOfDay { TimeOfDay(text: text)! }
    static func instant(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }

    static func location(stepFree: Bool = true) -> Location {
        Location(
            id: "loc-1", ownerId: "prov-1", name: "VHS", address: "Königstraße 1, 47051 Duisburg",
            district: "Mitte", coordinate: Coordinate(latitude: 51.4344, longitude: 6.7623), stepFree: stepFree)
    }

    static func course(
        kind: CourseKind = .general, level: Level = .a1, womenOnly: Bool = false, childcare: Bool = false,
        from start: String = "2027-05-03", through end: String = "2027-05-14",
        weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday],
        times: (String, String) = ("09:00", "12:15"), schoolHolidays: Bool = false
    ) -> Course {
        Course(
            id: "course-1", providerId: "prov-1", title: "Integrationskurs", kind: kind, level: level,
            locationId: "loc-1", capacity: 20, womenOnly: womenOnly, childcare: childcare,
            startDate: date(start), endDate: date(end), weekdays: WeekdaySet(weekdays),
            startTime: time(times.0), endTime: time(times.1), pausesInSchoolHolidays: schoolHolidays)
    }

    static func slot(
        start: String = "2027-05-04T10:00:00+02:00", minutes: Int = 45, languages: [String] = ["de", "tr"],
        womenOnly: Bool = false
    ) -> Slot {
        Slot(
            id: "slot-1", centreId: "centre-1", locationId: "loc-1", start: instant(start), durationMinutes: minutes,
            service: .mbe, languages: languages.map { LanguageCode($0)! }, womenOnly: womenOnly, counsellor: "Ayşe Demir")
    }

    static func participant(
        gender: Gender = .female, level: Level = .a1, languages: [String] = ["tr", "de"], needs: Needs = Needs()
    ) -> Participant {
        Participant(
            id: "p-1", centreId: "centre-1", name: "Elif Yılmaz", email: "elif@example.org",
            preferredLanguage: LanguageCode(languages[0])!, languages: languages.map { LanguageCode($0)! },
            gender: gender, district: "Hamborn", coordinate: Coordinate(latitude: 51.4950, longitude: 6.7700),
            level: level, needs: needs, availability: Set(DayPart.allCases),
            registeredAt: instant("2026-10-01T10:00:00+02:00"))
    }

    /// A moment well before the fixtures' offers.
    static let now = instant("2027-04-01T12:00:00+02:00")
}
