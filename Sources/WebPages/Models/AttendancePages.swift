import Notifier
import SchedulingCore
import Store
import WebAPI

/// What the provider's attendance pages show: a course's sessions with their state, each
/// participant's totals, and a chart of who came per session drawn as SVG on the server.
struct AttendanceOverview {
    static let barHeight = 160.0
    static let columnWidth = 44

    let context: [String: Any]

    init(course: Course, sessions: [LocalDate], today: LocalDate, record: AttendanceRecord, roster: [AttendanceRosterLine]) {
        let days = Dictionary(record.days.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        let sessionRows = sessions.map { date -> [String: Any] in
            let day = days[date]
            return [
                "date": date.description, "label": MailFormatting.date(date), "recorded": day != nil,
                "signedOff": day?.signedOffAt != nil, "open": day == nil && date <= today, "future": date > today,
            ]
        }
        let people = roster.map { line -> [String: Any] in
            let tally = record.tally(of: line.bookingId)
            var row: [String: Any] = [
                "bookingId": line.bookingId, "name": line.name ?? "–", "atRisk": line.atRisk,
                "rate": tally.rate.map(AttendanceSpreadsheet.percent) ?? "–",
            ]
            for code in AttendanceCode.allCases { row[code.rawValue] = tally.count(code) }
            return row
        }
        let recorded = record.days
        let bars = recorded.enumerated().map { index, day -> [String: Any] in
            let marks = day.effective.values
            let counted = marks.filter(\.code.countsTowardsRate).count
            let attended = marks.filter(\.code.attended).count
            let share = counted > 0 ? Double(attended) / Double(counted) : 0
            let height = Int((share * Self.barHeight).rounded())
            let x = 40 + index * Self.columnWidth
            return [
                "x": x, "y": 10 + Int(Self.barHeight) - height, "height": height, "labelX": x + 14,
                "valueY": 4 + Int(Self.barHeight) - height, "label": MailFormatting.date(day.date).prefix(6),
                "attended": attended, "counted": counted, "percent": Int((share * 100).rounded()),
            ]
        }
        var context: [String: Any] = [
            "courseId": course.id, "title": course.title, "sessions": sessionRows, "people": people,
            "hasPeople": !people.isEmpty,
        ]
        if !bars.isEmpty {
            context["chart"] = [
                "bars": bars, "width": 60 + bars.count * Self.columnWidth, "height": Int(Self.barHeight) + 50,
                "axisY": 10 + Int(Self.barHeight), "labelY": Int(Self.barHeight) + 30,
            ] as [String: Any]
        }
        self.context = context
    }
}

/// One session's attendance sheet: per participant five choices, the minutes late or early, and
/// for a signed-off day the marks as they stand with a correction form.
struct AttendanceSheet {
    let context: [String: Any]

    init(course: Course, date: LocalDate, record: AttendanceRecord, roster: [AttendanceRosterLine], codeNames: [AttendanceCode: String]) {
        let day = record.days.first { $0.date == date }
        let marks = day?.effective ?? [:]
        // A day's sheet lists who is booked now and whoever was marked that day.
        let people = roster.filter { $0.status == .confirmed || marks[$0.bookingId] != nil }.map { line -> [String: Any] in
            let mark = marks[line.bookingId]
            return [
                "bookingId": line.bookingId, "name": line.name ?? "–", "atRisk": line.atRisk, "left": line.status != .confirmed,
                "codes": AttendanceCode.allCases.map { code in
                    ["code": code.rawValue, "name": codeNames[code] ?? code.rawValue, "checked": mark?.code == code] as [String: Any]
                },
                "mark": mark.map { $0.code.rawValue } ?? "–", "late": mark?.arrivedLateMinutes.map(String.init) ?? "",
                "early": mark?.leftEarlyMinutes.map(String.init) ?? "",
            ]
        }
        context = [
            "courseId": course.id, "title": course.title, "date": date.description, "label": MailFormatting.date(date),
            "people": people, "hasPeople": !people.isEmpty, "signedOff": day?.signedOffAt != nil,
            "codes": AttendanceCode.allCases.map { ["code": $0.rawValue, "name": codeNames[$0] ?? $0.rawValue] },
            "hasCorrections": !(day?.corrections ?? []).isEmpty,
            "corrections": (day?.corrections ?? []).map { correction -> [String: Any] in
                let name = roster.first { $0.bookingId == correction.mark.bookingId }?.name ?? "–"
                return ["name": name, "from": correction.replaced?.code.rawValue ?? "–", "to": correction.mark.code.rawValue, "reason": correction.reason]
            },
        ]
    }
}
