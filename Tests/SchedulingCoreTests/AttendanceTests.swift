import Testing
@testable import SchedulingCore

@Suite struct NoShowRuleTests {
    let rule = NoShowRule.standard

    @Test(arguments: [
        ("UU", true),       // absent without excuse at both first sessions
        ("U", false),       // one session is not yet two
        ("UX", false), ("XU", false), ("EU", false),
        ("XUUU", true),     // three in a row
        ("XUUXU", false),   // presence ends the run
        ("XUUEU", false),   // so does an excuse
        ("XPUUU", true),
        ("WUUXX", false),   // a change of provider is no absence, and opens no first-sessions run
    ])
    func standardRule(codes: String, atRisk: Bool) {
        #expect(rule.isAtRisk(codes.map { AttendanceCode(rawValue: String($0))! }) == atRisk, "\(codes)")
    }

    @Test func aCityMayTurnEitherPartOff() {
        let onlyInARow = NoShowRule(firstSessions: 0, inARow: 4)!
        #expect(!onlyInARow.isAtRisk([.absent, .absent, .absent]))
        #expect(onlyInARow.isAtRisk([.present, .absent, .absent, .absent, .absent]))
        let never = NoShowRule(firstSessions: 0, inARow: 0)!
        #expect(!never.isAtRisk(Array(repeating: .absent, count: 10)))
        #expect(NoShowRule(firstSessions: 21, inARow: 3) == nil && NoShowRule(firstSessions: 2, inARow: -1) == nil)
    }
}

@Suite struct AttendanceRecordTests {
    static let monday = LocalDate(iso: "2027-02-01")!

    @Test func correctionsReplaceMarksInTheOrderMadeAndTalliesCountWhatStands() {
        let first = AttendanceDay(
            date: Self.monday, marks: [AttendanceMark(bookingId: "a", code: .absent), AttendanceMark(bookingId: "b", code: .present)],
            signedOffAt: nil, corrections: [])
        let stamp = Timestamp(secondsSinceEpoch: 0)
        let second = AttendanceDay(
            date: Self.monday.adding(days: 1), marks: [AttendanceMark(bookingId: "a", code: .absent)], signedOffAt: stamp,
            corrections: [
                AttendanceCorrection(mark: AttendanceMark(bookingId: "a", code: .excused), replaced: nil, reason: "Attest", recordedAt: stamp, recordedBy: "p"),
                AttendanceCorrection(mark: AttendanceMark(bookingId: "a", code: .placement), replaced: nil, reason: "Praktikum", recordedAt: stamp, recordedBy: "p"),
            ])
        // Given out of order: the record sorts its days.
        let record = AttendanceRecord(days: [second, first])
        #expect(record.codes(of: "a") == [.absent, .placement])
        #expect(record.codes(of: "b") == [.present])
        #expect(record.tally(of: "a").count(.placement) == 1 && record.tally(of: "a").rate == 0.5)
        #expect(record.atRisk(under: .standard).isEmpty)
        #expect(AttendanceTally([.changedProvider]).rate == nil)
        #expect(AttendanceTally([.present, .excused, .absent, .changedProvider]).rate == 1.0 / 3.0)
    }

    @Test func aSheetIsCheckedWholeAndNamesEveryBrokenRule() {
        let input = AttendanceSheetInput(marks: [
            AttendanceMarkInput(bookingId: "a", code: "X", arrivedLateMinutes: 10),
            AttendanceMarkInput(bookingId: "", code: "Q"),
            AttendanceMarkInput(bookingId: "a", code: "E", leftEarlyMinutes: 5),
            AttendanceMarkInput(bookingId: "c", code: "X", arrivedLateMinutes: -1),
        ])
        #expect(throws: ValidationFailure.self) { try input.validated() }
        do {
            _ = try input.validated()
        } catch {
            #expect(error.errors.map(\.field) == [
                "marks[1].bookingId", "marks[1].code", "marks[2].leftEarlyMinutes", "marks[2].bookingId", "marks[3].arrivedLateMinutes",
            ])
        }
        let fine = try? AttendanceSheetInput(marks: [AttendanceMarkInput(bookingId: "a", code: "X", arrivedLateMinutes: 10)]).validated()
        #expect(fine == [AttendanceMark(bookingId: "a", code: .present, arrivedLateMinutes: 10)])
        #expect((try? AttendanceSheetInput(marks: []).validated()) == [])
    }

    @Test func attendanceIsKeptOnSessionDatesUpToToday() {
        let course = Fixture.course(from: "2027-02-01", through: "2027-02-14")
        let calendars = HolidayCalendars()
        let wednesday = Self.monday.adding(days: 2)
        #expect(CourseSessions.attendanceRefusal(for: Self.monday, of: course, calendars: calendars, today: wednesday) == nil)
        #expect(CourseSessions.attendanceRefusal(for: Self.monday.adding(days: 5), of: course, calendars: calendars, today: Self.monday.adding(days: 7)) != nil)
        #expect(CourseSessions.attendanceRefusal(for: Self.monday.adding(days: 3), of: course, calendars: calendars, today: wednesday)?.contains("future") == true)
        #expect(CourseSessions.attendanceRefusal(for: Self.monday.adding(days: -7), of: course, calendars: calendars, today: wednesday) != nil)
    }
}
