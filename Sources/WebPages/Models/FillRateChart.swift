/// A horizontal bar per course, drawn as SVG on the server: booked seats against capacity, and
/// the waiting list beyond it. Numbers are in the bars' labels too, so the chart is not the only
/// way to read them. A course's name is wrapped at spaces to fit beside its bar, never cut, and
/// its whole name is the group's `<title>`.
struct FillRateChart {
    static let barWidth = 300.0
    static let lineHeight = 16
    static let rowGap = 12
    static let labelWidth = 260.0
    /// What fits in `labelWidth` at 13 px, for the widest common letters.
    static let charactersPerLine = 34

    let rows: [[String: Any]]
    let height: Int

    init(_ cards: [CourseCard]) {
        var top = 4
        rows = cards.map { card in
            let rate = card.capacity > 0 ? min(1, Double(card.confirmed) / Double(card.capacity)) : 0
            let lines = Self.lines(card.course.title)
            let rowHeight = max(20, lines.count * Self.lineHeight + 4)
            let row: [String: Any] = [
                "y": top + (rowHeight - 20) / 2, "textY": top + (rowHeight - 20) / 2 + 15,
                "lines": lines.enumerated().map { ["text": $1, "y": top + 13 + $0 * Self.lineHeight] },
                "barX": Self.labelWidth, "width": Int((rate * Self.barWidth).rounded()),
                "title": card.course.title, "percent": Int((rate * 100).rounded()),
                "confirmed": card.confirmed, "capacity": card.capacity, "waitlisted": card.waitlisted,
                "valueX": Self.labelWidth + Self.barWidth + 8,
            ]
            top += rowHeight + Self.rowGap
            return row
        }
        height = max(top, 24)
    }

    /// `title` in lines of at most `width` characters, broken at spaces; a word longer than a
    /// line stands alone on its line rather than being cut.
    static func lines(_ title: String, width: Int = charactersPerLine) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in title.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }

    var context: [String: Any] {
        ["rows": rows, "height": height, "width": Int(Self.labelWidth + Self.barWidth + 170), "barWidth": Int(Self.barWidth), "barX": Int(Self.labelWidth)]
    }
}
