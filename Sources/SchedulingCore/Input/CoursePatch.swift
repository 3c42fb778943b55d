/// What a provider may still change on a published course. Dates, weekdays and times stay,
/// because bookings were checked against them.
public struct CoursePatch: Codable, Sendable, Equatable {
    public var title: String?
    public var capacity: Int?
    public var childcare: Bool?
    /// Hours before the first day until which participants may cancel themselves.
    public var cancelUntilHours: Int?

    public init(title: String? = nil, capacity: Int? = nil, childcare: Bool? = nil, cancelUntilHours: Int? = nil) {
        self.title = title
        self.capacity = capacity
        self.childcare = childcare
        self.cancelUntilHours = cancelUntilHours
    }

    /// The change the patch asks of the course `courseId`, checked by the rules a new course
    /// meets. Whether the course can take it (its confirmed seats) only the ledger can say.
    public func validated(courseId: String) throws(ValidationFailure) -> CourseChange {
        var v = Validator()
        if title == nil && capacity == nil && childcare == nil && cancelUntilHours == nil {
            v.fail("capacity", "name at least one of capacity, title, childcare, cancelUntilHours to change")
        }
        let checkedTitle = title == nil ? nil : v.text(title, "title")
        if let capacity { v.between(capacity, CourseInput.capacityRange, "capacity") }
        let notice = cancelUntilHours.map { v.noticeHours($0) }
        try v.finish()
        return CourseChange(courseId: courseId, title: checkedTitle, capacity: capacity, childcare: childcare, cancelUntilHours: notice)
    }
}
