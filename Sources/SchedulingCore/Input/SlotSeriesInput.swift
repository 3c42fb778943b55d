/// Counselling hours as an advice centre sets them up: one counsellor, on some weekdays, from a
/// first to a last date, a time range each day cut into slots of one length. Public holidays
/// have no hours.
public struct SlotSeriesInput: Sendable, Equatable {
    public var counsellor: String?
    public var languages: [String]?
    public var service: String?
    public var womenOnly: Bool?
    public var locationId: String?
    public var weekdays: [String]?
    public var startTime: String?
    public var endTime: String?
    public var slotMinutes: Int?
    public var firstDate: String?
    public var lastDate: String?
    public var cancelUntilHours: Int?

    public init(
        counsellor: String? = nil, languages: [String]? = nil, service: String? = nil, womenOnly: Bool? = nil,
        locationId: String? = nil, weekdays: [String]? = nil, startTime: String? = nil, endTime: String? = nil,
        slotMinutes: Int? = nil, firstDate: String? = nil, lastDate: String? = nil, cancelUntilHours: Int? = nil
    ) {
        self.counsellor = counsellor
        self.languages = languages
        self.service = service
        self.womenOnly = womenOnly
        self.locationId = locationId
        self.weekdays = weekdays
        self.startTime = startTime
        self.endTime = endTime
        self.slotMinutes = slotMinutes
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.cancelUntilHours = cancelUntilHours
    }

    /// A series runs at most a year, and makes at most this many slots.
    public static let maximumDays = 366
    public static let maximumSlots = 3000

    /// The slots of the series, with ids from `id(n)`, in time order; the dates public holidays
    /// take out are named. Every broken rule is named at once.
    public func validated(
        id: (Int) -> String, centreId: String, zone: CivilZone, holidays: HolidayCalendar
    ) throws(ValidationFailure) -> SlotSeries {
        var v = Validator()
        let counsellor = v.text(counsellor, "counsellor")
        let languages = v.languages(languages, "languages")
        let service = v.choice(service, "service", ServiceKind.self)
        let locationId = v.text(locationId, "locationId")
        var days: WeekdaySet?
        if let codes = v.require(weekdays, "weekdays") {
            let known = codes.compactMap { v.choice($0, "weekdays", Weekday.self) }
            if codes.isEmpty {
                v.fail("weekdays", "must name at least one weekday", rule: "weekdays")
            } else if known.count == codes.count {
                days = WeekdaySet(known)
            }
        }
        let start = v.time(startTime, "startTime"), end = v.time(endTime, "endTime")
        if let start, let end, end <= start { v.fail("endTime", "must be after startTime", rule: "endTimeBeforeStart") }
        if let length = v.require(slotMinutes, "slotMinutes") {
            v.between(length, SlotInput.durationRange, "slotMinutes")
            if let start, let end, end > start, SlotInput.durationRange.contains(length), length > end.minutes - start.minutes {
                v.fail("slotMinutes", "must fit between startTime and endTime", rule: "slotTooLong")
            }
        }
        var first = v.date(firstDate, "firstDate"), last = v.date(lastDate, "lastDate")
        // Mails, calendars and pages write times back as RFC 3339, which has four-digit years.
        for (field, date) in [("firstDate", first), ("lastDate", last)] {
            if let year = date?.components.year, !SlotInput.yearRange.contains(year) {
                v.fail(field, "must be in the years \(SlotInput.yearRange.lowerBound) to \(SlotInput.yearRange.upperBound)", rule: "between",
                       ["\(SlotInput.yearRange.lowerBound)", "\(SlotInput.yearRange.upperBound)"])
                if field == "firstDate" { first = nil } else { last = nil }
            }
        }
        if let first, let last, last < first {
            v.fail("lastDate", "must not be before firstDate", rule: "endBeforeStart")
        } else if let first, let last, first.days(to: last) >= Self.maximumDays {
            v.fail("lastDate", "must be within a year of firstDate", rule: "withinAYear")
        }
        let notice = v.noticeHours(cancelUntilHours)
        try v.finish()

        var slots: [Slot] = [], skipped: [LocalDate] = []
        var day = first!
        while day <= last! {
            if days!.contains(day.weekday) {
                if holidays.contains(day) {
                    skipped.append(day)
                } else {
                    var minute = start!.minutes
                    while minute + slotMinutes! <= end!.minutes {
                        slots.append(Slot(
                            id: id(slots.count), centreId: centreId, locationId: locationId!,
                            start: zone.instant(LocalDateTime(date: day, minutes: minute)), durationMinutes: slotMinutes!,
                            service: service!, languages: languages!, womenOnly: womenOnly ?? false, counsellor: counsellor!,
                            cancelUntilHours: notice))
                        minute += slotMinutes!
                    }
                }
            }
            day = day.adding(days: 1)
        }
        if slots.isEmpty {
            throw ValidationFailure([FieldError(field: "weekdays", message: "the series has no slot: no chosen weekday falls between firstDate and lastDate outside the holidays", rule: "noSlots")])
        }
        if slots.count > Self.maximumSlots {
            throw ValidationFailure([FieldError(
                field: "slotMinutes", message: "makes \(slots.count) slots; at most \(Self.maximumSlots) at once", rule: "tooManySlots",
                values: [String(slots.count), String(Self.maximumSlots)])])
        }
        return SlotSeries(slots: slots, skipped: skipped)
    }
}

/// The slots a series makes, and the days on its weekdays that holidays took out.
public struct SlotSeries: Sendable, Equatable {
    public let slots: [Slot]
    public let skipped: [LocalDate]
}
