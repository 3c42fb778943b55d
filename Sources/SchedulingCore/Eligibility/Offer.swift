/// An offer as eligibility sees it: a course or a slot together with where it takes place.
public enum Offer: Sendable {
    case course(Course, at: Location)
    case slot(Slot, at: Location)

    public var location: Location {
        switch self {
        case .course(_, let location), .slot(_, let location): location
        }
    }

    public var womenOnly: Bool {
        switch self {
        case .course(let course, _): course.womenOnly
        case .slot(let slot, _): slot.womenOnly
        }
    }

    public func schedule(in zone: CivilZone) -> Schedule {
        switch self {
        case .course(let course, _): course.schedule
        case .slot(let slot, _): slot.schedule(in: zone)
        }
    }

    /// The first moment it takes place, in local time.
    public func start(in zone: CivilZone) -> LocalDateTime {
        switch self {
        case .course(let course, _): course.firstStart
        case .slot(let slot, _): zone.local(slot.start)
        }
    }
}
