import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// The provider workspace: its courses with fill rates (an SVG chart drawn on the server),
/// waiting lists and rosters, and capacity changes through the booking engine.
struct ProviderRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }

    func add(to router: Router<APIRequestContext>) {
        router.get("/provider") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let providerId = session.organisation.kind == .admin ? nil : session.organisation.id
                let cards = CourseCard.all(in: services.catalogue).filter { providerId == nil || $0.course.providerId == providerId }
                let language = PageLanguage.of(request)
                var values: [String: Any] = [
                    "courses": cards.map { $0.context(pages.renderer.strings, language) },
                    "chart": FillRateChart(cards).context,
                ]
                values.merge(pages.outcomeMessages(request)) { $1 }
                return pages.page(request, titleKey: "provider.title", template: "provider", values, staff: session)
            }
        }

        router.post("/provider/courses/:id/capacity") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let form = try await pages.form(request, session)
                let course = try pages.ownCourse(try context.parameters.require("id"), session)
                guard let capacity = form["capacity"].flatMap(Int.init) else {
                    return .seeOther("/provider?problem=capacity")
                }
                return try await pages.submit(
                    .changeCapacity(courseId: course.id, capacity: capacity), for: request, returningTo: "/provider", done: "capacityChanged")
            }
        }

        router.get("/provider/courses/:id/roster") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let course = try pages.ownCourse(try context.parameters.require("id"), session)
                let lines = try await services.database.roster(courseId: course.id)
                pages.audit(.rosterRead, session, context, participantIds: lines.map(\.participantId), subject: course.id)
                var values: [String: Any] = [
                    "id": course.id, "title": course.title,
                    "confirmed": lines.filter { $0.status == .confirmed }.map { ["name": $0.name, "bookingId": $0.bookingId, "atRisk": $0.atRisk] },
                    "waitlisted": lines.filter { $0.status == .waitlisted }.enumerated().map { ["name": $1.name, "position": $0 + 1] as [String: Any] },
                ]
                values.merge(pages.outcomeMessages(request)) { $1 }
                return pages.page(request, titleKey: "roster.title", template: "roster", values, staff: session)
            }
        }

        router.post("/provider/bookings/:id/release") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let form = try await pages.form(request, session)
                let course = try services.courseForAttendance(form["courseId"] ?? "", keptBy: session.organisation)
                let roster = "/provider/courses/\(course.id)/roster"
                do {
                    let reason = try ReleaseInput(reason: form["reason"]).validated()
                    let released = try await services.release(try context.parameters.require("id"), reason: reason, by: session.organisation)
                    pages.audit(.bookingReleased, session, context, participantId: released.participantId, subject: released.id)
                    return .seeOther("\(roster)?done=released")
                } catch {
                    return try pages.refused(request, returningTo: roster, after: error)
                }
            }
        }

        router.get("/provider/courses/:id/attendance") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let course = try services.courseForAttendance(try context.parameters.require("id"), readBy: session.organisation)
                let roster = try await services.database.attendanceRoster(courseId: course.id)
                let overview = AttendanceOverview(
                    course: course, sessions: CourseSessions.dates(of: course, calendars: services.calendars),
                    today: services.zone.local(services.now()).date, record: try await services.database.attendance(courseId: course.id),
                    roster: roster)
                pages.audit(.attendanceRead, session, context, participantIds: roster.map(\.participantId), subject: course.id)
                return pages.page(request, titleKey: "attendance.title", template: "attendance", overview.context, staff: session)
            }
        }

        router.get("/provider/courses/:id/attendance.csv") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let course = try services.courseForAttendance(try context.parameters.require("id"), readBy: session.organisation)
                let roster = try await services.database.attendanceRoster(courseId: course.id)
                pages.audit(.attendanceRead, session, context, participantIds: roster.map(\.participantId), subject: course.id)
                return try await AttendanceSpreadsheet.response(course: course, roster: roster, database: services.database)
            }
        }

        router.get("/provider/courses/:id/attendance/:date") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let course = try services.courseForAttendance(try context.parameters.require("id"), readBy: session.organisation)
                let date = try services.attendanceDate(try context.parameters.require("date"), of: course)
                let language = PageLanguage.of(request)
                let roster = try await services.database.attendanceRoster(courseId: course.id)
                pages.audit(.attendanceRead, session, context, participantIds: roster.map(\.participantId), subject: "\(course.id) \(date)")
                let sheet = AttendanceSheet(
                    course: course, date: date, record: try await services.database.attendance(courseId: course.id),
                    roster: roster,
                    codeNames: Dictionary(uniqueKeysWithValues: AttendanceCode.allCases.map {
                        ($0, pages.renderer.strings.text("attendance.code.\($0.rawValue)", language))
                    }))
                var values = sheet.context
                values.merge(pages.outcomeMessages(request)) { $1 }
                return pages.page(request, titleKey: "attendance.sheet", template: "attendance-sheet", values, staff: session)
            }
        }

        router.post("/provider/courses/:id/attendance/:date") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let form = try await pages.form(request, session)
                let course = try services.courseForAttendance(try context.parameters.require("id"), keptBy: session.organisation)
                let date = try services.attendanceDate(try context.parameters.require("date"), of: course)
                let sheet = "/provider/courses/\(course.id)/attendance/\(date)"
                let roster = try await services.database.attendanceRoster(courseId: course.id)
                let kept = try await services.database.attendance(courseId: course.id).days.first { $0.date == date }?.effective ?? [:]
                let input = AttendanceSheetInput(marks: roster.compactMap { line in
                    // Someone who left since keeps the mark of this day; the sheet shows it, not its choices.
                    guard line.status == .confirmed else {
                        return kept[line.bookingId].map {
                            AttendanceMarkInput(
                                bookingId: $0.bookingId, code: $0.code.rawValue, arrivedLateMinutes: $0.arrivedLateMinutes,
                                leftEarlyMinutes: $0.leftEarlyMinutes)
                        }
                    }
                    return form["code-\(line.bookingId)"].map { code in
                        // Minutes late or early count only for someone present; a switch to U drops them.
                        let present = code == AttendanceCode.present.rawValue
                        return AttendanceMarkInput(
                            bookingId: line.bookingId, code: code,
                            arrivedLateMinutes: present ? form["late-\(line.bookingId)"].flatMap { Int($0) } : nil,
                            leftEarlyMinutes: present ? form["early-\(line.bookingId)"].flatMap { Int($0) } : nil)
                    }
                })
                do {
                    _ = try await services.database.recordAttendance(
                        courseId: course.id, date: date, marks: try input.validated(), by: session.organisation.id,
                        rule: services.noShowRule, now: services.now())
                    pages.audit(.attendanceRecorded, session, context, participantIds: roster.map(\.participantId), subject: "\(course.id) \(date)")
                    if form["signOff"] != nil {
                        _ = try await services.database.signOffAttendance(
                            courseId: course.id, date: date, by: session.organisation.id, now: services.now())
                        pages.audit(
                            .attendanceSignedOff, session, context, participantIds: roster.map(\.participantId), subject: "\(course.id) \(date)")
                        return .seeOther("\(sheet)?done=attendanceSignedOff")
                    }
                    return .seeOther("\(sheet)?done=attendanceSaved")
                } catch {
                    return try pages.refused(request, returningTo: sheet, after: error)
                }
            }
        }

        router.post("/provider/courses/:id/attendance/:date/corrections") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let form = try await pages.form(request, session)
                let course = try services.courseForAttendance(try context.parameters.require("id"), keptBy: session.organisation)
                let date = try services.attendanceDate(try context.parameters.require("date"), of: course)
                let sheet = "/provider/courses/\(course.id)/attendance/\(date)"
                do {
                    let (mark, reason) = try AttendanceCorrectionInput(
                        bookingId: form["bookingId"], code: form["code"], reason: form["reason"]).validated()
                    _ = try await services.database.correctAttendance(
                        courseId: course.id, date: date, mark: mark, reason: reason, by: session.organisation.id,
                        rule: services.noShowRule, now: services.now())
                    let whose = try await services.database.bookingLine(id: mark.bookingId)?.booking.participantId
                    pages.audit(.attendanceCorrected, session, context, participantId: whose, subject: "\(course.id) \(date) \(mark.bookingId)")
                    return .seeOther("\(sheet)?done=attendanceCorrected")
                } catch {
                    return try pages.refused(request, returningTo: sheet, after: error)
                }
            }
        }
    }
}

extension WebPages {
    /// A course of the signed-in provider; another provider's answers 404.
    func ownCourse(_ id: String, _ session: StaffSessions.Session) throws -> Course {
        guard let course = services.catalogue.course(id: id),
              session.organisation.kind == .admin || course.providerId == session.organisation.id else {
            throw PageExit.error(.notFound, "error.notFound")
        }
        return course
    }
}
