/// How long a participant's personal link works: until a month after the offer ends, so a
/// person can still look up where they were, and not for ever.
public enum PersonalLinkLifetime {
    public static let daysAfterOffer = 30

    public static func expiry(of course: Course, zone: CivilZone) -> Timestamp {
        zone.instant(LocalDateTime(date: course.endDate, minutes: course.endTime.minutes))
            .adding(seconds: Int64(daysAfterOffer) * 86_400)
    }

    public static func expiry(of slot: Slot) -> Timestamp {
        slot.end.adding(seconds: Int64(daysAfterOffer) * 86_400)
    }
}
