import SchedulingCore

/// A course as the catalogue and the workspaces show it; public, so nothing about its participants
/// beyond counts.
struct CourseCard {
    let course: Course
    let location: Location
    let occupancy: (confirmed: Int, capacity: Int, waitlisted: Int)?

    var capacity: Int { occupancy?.capacity ?? course.capacity }
    var confirmed: Int { occupancy?.confirmed ?? 0 }
    var waitlisted: Int { occupancy?.waitlisted ?? 0 }
    var freeSeats: Int { max(0, capacity - confirmed) }

    /// Every course of `catalogue` with its seats, in id order.
    static func all(in catalogue: CatalogueSnapshot) -> [CourseCard] {
        catalogue.coursesWithLocations.map {
            CourseCard(course: $0.course, location: $0.location, occupancy: catalogue.occupancy(courseId: $0.course.id))
        }
    }

    func context(_ strings: UIStrings<PageLanguage>, _ language: PageLanguage) -> [String: Any] {
        [
            "id": course.id, "title": course.title, "level": course.level.rawValue,
            "kind": strings.text("kind.\(course.kind.rawValue)", language),
            "district": location.district, "place": location.name,
            "startDate": course.startDate.description, "endDate": course.endDate.description,
            "startTime": course.startTime.description, "endTime": course.endTime.description,
            "weekdays": course.weekdays.map { strings.text("weekday.\($0.rawValue)", language) }.joined(separator: ", "),
            "capacity": capacity, "confirmed": confirmed, "waitlisted": waitlisted, "freeSeats": freeSeats, "full": freeSeats == 0,
            "womenOnly": course.womenOnly, "childcare": course.childcare, "stepFree": location.stepFree,
        ]
    }
}

/// Choices of a `<select>`, with the current one marked.
func choices(_ values: [(value: String, label: String)], selected: String?) -> [[String: Any]] {
    values.map { ["value": $0.value, "label": $0.label, "selected": $0.value == selected] }
}
