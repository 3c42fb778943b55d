import Foundation
import SchedulingCore
import Testing
import TestSupport
@testable import ICalendar

/// A second, independent reader: Python's `icalendar` package must read what we write the way
/// we mean it. CI installs it (`python3 -m pip install icalendar`); without it this test fails,
/// on purpose, rather than passing unchecked.
@Suite struct CalendarWritingExternalCheckTests {
    static let script = """
        import sys
        try:
            import icalendar
        except ImportError:
            sys.exit("python3 has no 'icalendar' package: run `python3 -m pip install icalendar`")
        from datetime import datetime, timezone
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        assert str(cal['METHOD']) == 'REQUEST', cal['METHOD']
        [event] = cal.walk('VEVENT')
        assert str(event['UID']) == 'b-4711@wegweiser', event['UID']
        assert int(event['SEQUENCE']) == 2, event['SEQUENCE']
        start = event.decoded('DTSTART')
        assert start.replace(tzinfo=None) == datetime(2027, 4, 13, 9, 0), start
        assert start.utcoffset().total_seconds() == 7200, start.utcoffset()
        rule = event['RRULE']
        assert rule['FREQ'] == ['WEEKLY'] and rule['BYDAY'] == ['TU', 'TH'], rule
        assert rule['UNTIL'] == [datetime(2027, 6, 24, 10, 15, tzinfo=timezone.utc)], rule['UNTIL']
        exdates = event['EXDATE'] if isinstance(event['EXDATE'], list) else [event['EXDATE']]
        days = sorted(d.dt.replace(tzinfo=None) for e in exdates for d in e.dts)
        assert days == [datetime(2027, 5, 6, 9, 0), datetime(2027, 5, 27, 9, 0)], days
        assert str(event['ATTENDEE'].params['CN']) == 'Ayşe Yılmaz', event['ATTENDEE'].params
        assert str(event['SUMMARY']) == 'Integrationskurs A1 – Deutsch im Alltag', event['SUMMARY']
        print('ok')
        """

    @Test func pythonIcalendarReadsUidSequenceMethodStartRuleAndExdates() async throws {
        let course = try #require(CalendarEvent(
            course: WritingSamples.course, location: WritingSamples.school,
            calendars: try WritingSamples.nrwHolidays(), uid: "course", stamp: WritingSamples.stamp,
            organizer: WritingSamples.centre))
        let booking = WritingSamples.booking(
            "b-4711", offer: .course(WritingSamples.course.id), status: .confirmed, sequence: 2)
        let text = try #require(renderBookingCalendar(
            booking: booking, offerEvent: course,
            attendee: CalendarParticipant(name: "Ayşe Yılmaz", email: "ayse@example.org"),
            zone: WritingSamples.zone, productId: WritingSamples.productId))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-\(UUID().uuidString).ics")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let run: (status: Int32, stdout: String, stderr: String)
        do {
            run = try await runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", Self.script, file.path])
        } catch {
            Issue.record("cannot start python3 (\(error)): install python3 and `python3 -m pip install icalendar`")
            return
        }
        let report = run.stdout + run.stderr
        // `env` exits with 127 when there is no python3 at all.
        let missing = run.status == 127 ? "python3 is not installed; " : ""
        #expect(run.status == 0, "\(missing)python3 icalendar check failed:\n\(report)")
        #expect(run.stdout.hasSuffix("ok\n"), "python3 icalendar check did not finish:\n\(report)")
    }
}
