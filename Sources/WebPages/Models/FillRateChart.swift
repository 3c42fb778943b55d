/// A horizontal bar per course, drawn as SVG on the server: booked seats against capacity, and
/// the waiting list beyond it. Numbers are in the bars' labels too, so the chart is not the only
/// way to read them.
struct FillRateChart {
    static let barWidth = 300.0
    static let rowHeight = 28
    static let labelWidth = 260.0

    let rows: [[String: Any]]
    let height: Int

    init(_ cards: [CourseCard]) {
        rows = cards.enumerated().map { index, card in
            let rate = card.capacity > 0 ? min(1, Double(card.confirmed) / Double(card.capacity)) : 0
            return [
                "y": index * Self.rowHeight + 4, "textY": index * Self.rowHeight + 19,
                "barX": Self.labelWidth, "width": Int((rate * Self.barWidth).rounded()),
                "title": card.course.title, "percent": Int((rate * 100).rounded()),
                "confirmed": card.confirmed, "capacity": card.capacity, "waitlisted": card.waitlisted,
                "valueX": Self.labelWidth + Self.barWidth + 8,
            ]
        }
        height = max(1, cards.count) * Self.rowHeight + 8
    }

    var context: [String: Any] {
        ["rows": rows, "height": height, "width": Int(Self.labelWidth + Self.barWidth + 170), "barWidth": Int(Self.barWidth), "barX": Int(Self.labelWidth)]
    }
}
