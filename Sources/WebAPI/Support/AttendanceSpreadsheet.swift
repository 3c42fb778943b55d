import HTTPTypes
import Hummingbird
import Notifier
import SchedulingCore
import Store

/// A course's attendance as a spreadsheet that German Excel and LibreOffice open as it is: UTF-8
/// with a byte-order mark, `;` between cells, CRLF between rows, decimal commas. One row per
/// participant, one column per session with the code and any minutes late or early, then the
/// totals; a last row counts who attended each session.
package struct AttendanceSpreadsheet {
    let record: AttendanceRecord
    let roster: [AttendanceRosterLine]

    var csv: [UInt8] {
        var rows: [[String]] = []
        rows.append(["Teilnehmende", "Buchung"] + record.days.map { MailFormatting.date($0.date) }
            + AttendanceCode.allCases.map(\.rawValue) + ["Anwesenheit"])
        for line in roster {
            let tally = record.tally(of: line.bookingId)
            rows.append(
                [line.name ?? "(gelöscht)", line.bookingId]
                    + record.days.map { day in day.effective[line.bookingId].map(Self.cell) ?? "" }
                    + AttendanceCode.allCases.map { String(tally.count($0)) }
                    + [tally.rate.map(Self.percent) ?? ""])
        }
        rows.append(["Anwesend", ""] + record.days.map { day in String(day.effective.values.filter(\.code.attended).count) })
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        for row in rows {
            bytes += Array(row.map(Self.escaped).joined(separator: ";").utf8)
            bytes += [0x0D, 0x0A]
        }
        return bytes
    }

    /// The spreadsheet of `course` as a download.
    package static func response(course: Course, roster: [AttendanceRosterLine], database: AppDatabase) async throws -> Response {
        let sheet = AttendanceSpreadsheet(record: try await database.attendance(courseId: course.id), roster: roster)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8; header=present",
                .contentDisposition: "attachment; filename=\"attendance-\(course.id).csv\"",
                // Names of people: kept by no cache, and never read as anything but a download.
                .cacheControl: "no-store", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: sheet.csv)))
    }

    /// `X`, or `X (10 min spät, 5 min früher weg)`.
    package static func cell(_ mark: AttendanceMark) -> String {
        var notes: [String] = []
        if let late = mark.arrivedLateMinutes, late > 0 { notes.append("\(late) min spät") }
        if let early = mark.leftEarlyMinutes, early > 0 { notes.append("\(early) min früher weg") }
        return notes.isEmpty ? mark.code.rawValue : "\(mark.code.rawValue) (\(notes.joined(separator: ", ")))"
    }

    /// `83,3 %`, which German spreadsheets read as a percentage.
    package static func percent(_ rate: Double) -> String {
        let tenths = Int((rate * 1000).rounded())
        return "\(tenths / 10),\(tenths % 10) %"
    }

    /// A cell as text that no spreadsheet runs: one that begins like a formula (`=`, `+`, `-`, `@`,
    /// or a tab or carriage return that some strip first) gets a leading apostrophe; a cell with
    /// `;`, quotes or line breaks is quoted.
    package static func escaped(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
