/// What `LedgerCommand.changeCourse` sets on a published course: a `CoursePatch` that passed its
/// checks, so only `CoursePatch.validated(courseId:)` makes one. `nil` keeps the stored value.
public struct CourseChange: Hashable, Sendable {
    public let courseId: String
    public let title: String?
    public let capacity: Int?
    public let childcare: Bool?
    /// The notice window: hours before the first day until which participants may cancel.
    public let cancelUntilHours: Int?

    init(courseId: String, title: String?, capacity: Int?, childcare: Bool?, cancelUntilHours: Int? = nil) {
        self.courseId = courseId
        self.title = title
        self.capacity = capacity
        self.childcare = childcare
        self.cancelUntilHours = cancelUntilHours
    }

    /// `course` with the change; everything the change does not name stays.
    public func applied(to course: Course) -> Course {
        var changed = course
        if let title { changed.title = title }
        if let capacity { changed.capacity = capacity }
        if let childcare { changed.childcare = childcare }
        if let cancelUntilHours { changed.cancelUntilHours = cancelUntilHours }
        return changed
    }
}
