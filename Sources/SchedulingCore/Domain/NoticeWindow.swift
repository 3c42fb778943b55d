/// How long before an offer a participant may still cancel or move a booking themselves. Inside
/// the window the seat is usually too late to pass on, so the person calls their centre instead.
public enum NoticeWindow {
    public static let defaultHours = 24
    /// Up to a month: a longer window would shut people out of their own bookings.
    public static let hoursRange = 0...720
}

extension Course {
    /// Notice counts from the course's first day as planned (its start date at its start time).
    public func cancelDeadline(in zone: CivilZone) -> Timestamp {
        zone.instant(firstStart).adding(seconds: -Int64(cancelUntilHours) * 3600)
    }
}

extension Slot {
    public var cancelDeadline: Timestamp {
        start.adding(seconds: -Int64(cancelUntilHours) * 3600)
    }
}
