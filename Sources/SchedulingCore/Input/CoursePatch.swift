/// What a provider may still change on a published course. Dates, weekdays and times stay,
/// because bookings were checked against them.
public struct CoursePatch: Codable, Sendable, Equatable {
    public var title: String?
    public var capacity: Int?
    public var childcare: Bool?

    public init(title: String? = nil, capacity: Int? = nil, childcare: Bool? = nil) {
        self.title = title
        self.capacity = capacity
        self.childcare = childcare
    }

    /// `course` with the changes, checked by the rules a new course meets.
    public func applied(to course: Course) throws(ValidationFailure) -> Course {
        var v = Validator()
        var changed = course
        if title == nil && capacity == nil && childcare == nil {
            v.fail("capacity", "name at least one of capacity, title, childcare to change")
        }
        if title != nil, let title = v.text(title, "title") { changed.title = title }
        if let capacity {
            if CourseInput.capacityRange.contains(capacity) {
                changed.capacity = capacity
            } else {
                v.fail("capacity", "must be between \(CourseInput.capacityRange.lowerBound) and \(CourseInput.capacityRange.upperBound)")
            }
        }
        if let childcare { changed.childcare = childcare }
        try v.finish()
        return changed
    }
}
