import Foundation
import SchedulingCore
import Testing
@testable import ICalendar

@Suite struct CalendarWritingFoldingTests {
    static let arabic = String(
        repeating: "دورة اللغة الألمانية للمبتدئين مع رعاية الأطفال، مُحَمَّد ", count: 4)
    static let bulgarian = String(
        repeating: "Курс по немски език за начинаещи с грижа за децата – ", count: 4)

    static func calendar(summary: String) -> String {
        renderCalendar(
            method: .publish, events: [WritingSamples.slotEvent(summary: summary)], zone: WritingSamples.zone,
            productId: WritingSamples.productId)
    }

    /// The stream's physical lines as raw bytes, split at CRLF only.
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = [[]]
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append([])
                index += 2
            } else {
                lines[lines.count - 1].append(bytes[index])
                index += 1
            }
        }
        return lines
    }

    @Test(arguments: [arabic, bulgarian])
    func everyPhysicalLineFitsIn75OctetsAndHoldsWholeCharacters(summary: String) throws {
        let text = Self.calendar(summary: summary)
        let lines = Self.physicalLines(text)
        #expect(lines.last == [], "the stream ends with CRLF")
        #expect(lines.count > 30, "long summaries were folded")
        for line in lines {
            #expect(line.count <= 75, "\(line.count) octets: \(String(decoding: line, as: UTF8.self))")
            #expect(!line.contains(0x0D) && !line.contains(0x0A), "no bare CR or LF")
            #expect(String(validating: line, as: UTF8.self) != nil, "a UTF-8 sequence was split")
        }
    }

    @Test(arguments: [arabic, bulgarian])
    func unfoldingGivesBackTheOriginalSummary(summary: String) throws {
        let calendar = try CalendarComponent.parse(Self.calendar(summary: summary))
        let event = try #require(calendar.components.first { $0.name == "VEVENT" })
        #expect(ICalendarText.unescape(try #require(event.property("SUMMARY")).value) == summary)
    }

    @Test func foldingSplitsOnlyBetweenCharactersAndUnfoldsToTheLine() {
        let line = "SUMMARY:" + String(repeating: "é🇩🇪ж", count: 40)
        let folded = ContentLine.fold(line)
        #expect(ContentLine.unfold(folded) == [line])
        for physical in folded.components(separatedBy: "\r\n") {
            #expect(physical.utf8.count <= 75)
        }
        #expect(ContentLine.fold("VERSION:2.0") == "VERSION:2.0\r\n")
    }

    @Test func aLineOfExactly75OctetsIsNotFolded() {
        let line = "X-A:" + String(repeating: "a", count: 71)
        #expect(ContentLine.fold(line) == line + "\r\n")
        #expect(ContentLine.fold(line + "b") == line + "\r\n b\r\n")
    }
}

@Suite struct CalendarWritingEscapingTests {
    @Test func hostileSummaryRoundTripsAndAddsNoProperty() throws {
        let summary = "a,b;c\\d\nBCC:x"
        let text = CalendarWritingFoldingTests.calendar(summary: summary)
        let event = try #require(try CalendarComponent.parse(text).components.first { $0.name == "VEVENT" })
        let summaryLine = try #require(event.property("SUMMARY"))
        #expect(summaryLine.value == "a\\,b\\;c\\\\d\\nBCC:x")
        #expect(ICalendarText.unescape(summaryLine.value) == summary)
        #expect(event.property("BCC") == nil)
        let plain = CalendarWritingFoldingTests.calendar(summary: "plain")
        let plainEvent = try #require(try CalendarComponent.parse(plain).components.first { $0.name == "VEVENT" })
        #expect(event.properties.map(\.name) == plainEvent.properties.map(\.name))
    }

    @Test(arguments: ["\r\n", "\r", "\n", "\u{2028}", "\u{85}"])
    func everyLineBreakInTextBecomesBackslashN(lineBreak: String) {
        #expect(ICalendarText.escape("a" + lineBreak + "b") == "a\\nb")
    }

    @Test func parameterValuesAreQuotedAndLoseQuotesAndControls() {
        #expect(ICalendarText.parameterValue("Yılmaz, Ayşe") == "\"Yılmaz, Ayşe\"")
        #expect(ICalendarText.parameterValue("Ayşe \"Ayo\" Yılmaz") == "Ayşe Ayo Yılmaz")
        #expect(ICalendarText.parameterValue("x\r\nATTENDEE:mailto:evil@example.org")
            == "\"xATTENDEE:mailto:evil@example.org\"")
    }

    @Test func injectedNameAndAddressCannotOpenAProperty() throws {
        var event = WritingSamples.slotEvent()
        event.attendee = CalendarParticipant(
            name: "Eve\r\nATTENDEE;CN=x:mailto:a@b.c", email: "eve@example.org\r\nBCC:x@example.org")
        event.location = "Raum 1\r\nORGANIZER:mailto:evil@example.org"
        let text = renderCalendar(
            method: .request, events: [event], zone: WritingSamples.zone, productId: "p\r\nX-EVIL:1")
        let calendar = try CalendarComponent.parse(text)
        let parsed = try #require(calendar.components.first { $0.name == "VEVENT" })
        #expect(parsed.properties.filter { $0.name == "ATTENDEE" }.count == 1)
        #expect(parsed.properties.filter { $0.name == "ORGANIZER" }.count == 1)
        #expect(parsed.property("BCC") == nil)
        #expect(calendar.property("X-EVIL") == nil)
        #expect(parsed.property("ATTENDEE")?.value == "mailto:eve@example.org%0D%0ABCC:x@example.org")
        #expect(!CalendarWritingFoldingTests.physicalLines(text).contains { $0.contains(0x0D) || $0.contains(0x0A) })
    }
}
