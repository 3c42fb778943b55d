/// Which courses a catalogue lists; a field left `nil` lets every course through.
public struct CourseFilter: Sendable, Equatable {
    public var level: Level?
    public var kind: CourseKind?
    /// Compared without regard to case.
    public var district: String?
    public var womenOnly: Bool?
    public var childcare: Bool?
    /// Courses that start on this day or later.
    public var startingFrom: LocalDate?

    public init(
        level: Level? = nil, kind: CourseKind? = nil, district: String? = nil, womenOnly: Bool? = nil, childcare: Bool? = nil,
        startingFrom: LocalDate? = nil
    ) {
        self.level = level
        self.kind = kind
        self.district = district?.lowercased()
        self.womenOnly = womenOnly
        self.childcare = childcare
        self.startingFrom = startingFrom
    }

    public func admits(_ course: Course, at location: Location) -> Bool {
        (level == nil || course.level == level) && (kind == nil || course.kind == kind)
            && (womenOnly == nil || course.womenOnly == womenOnly) && (childcare == nil || course.childcare == childcare)
            && (district == nil || location.district.lowercased() == district)
            && (startingFrom.map { course.startDate >= $0 } ?? true)
    }
}
