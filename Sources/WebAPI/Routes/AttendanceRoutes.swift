import Hummingbird
import SchedulingCore
import Store

/// Attendance per course session: recorded by the course's provider, signed off by its teacher,
/// corrected only with a reason that keeps the old mark; read by the provider and administrators,
/// also as a spreadsheet.
struct AttendanceRoutes {
    let services: APIServices

    func add(to router: Router<APIRequestContext>) {
        router.put("/v1/courses/:id/attendance/:date") { request, context in
            let (course, provider) = try await owned(context)
            let marks = try await JSONBody.decode(AttendanceSheetInput.self, from: request).validated()
            let date = try services.attendanceDate(try context.parameters.require("date"), of: course)
            let record = try await services.database.recordAttendance(
                courseId: course.id, date: date, marks: marks, by: provider.id, rule: services.noShowRule, now: services.now())
            return try JSONResponse.make(try await view(course, record, .attendanceRecorded, by: context.actor, subject: "\(course.id) \(date)").answer)
        }

        router.post("/v1/courses/:id/attendance/:date/sign-off") { _, context in
            let (course, provider) = try await owned(context)
            let date = try services.attendanceDate(try context.parameters.require("date"), of: course)
            let record = try await services.database.signOffAttendance(courseId: course.id, date: date, by: provider.id, now: services.now())
            return try JSONResponse.make(try await view(course, record, .attendanceSignedOff, by: context.actor, subject: "\(course.id) \(date)").answer)
        }

        router.post("/v1/courses/:id/attendance/:date/corrections") { request, context in
            let (course, provider) = try await owned(context)
            let (mark, reason) = try await JSONBody.decode(AttendanceCorrectionInput.self, from: request).validated()
            let date = try services.attendanceDate(try context.parameters.require("date"), of: course)
            let record = try await services.database.correctAttendance(
                courseId: course.id, date: date, mark: mark, reason: reason, by: provider.id, rule: services.noShowRule,
                now: services.now())
            let (answer, roster) = try await view(course, record, .attendanceRead, by: context.actor, subject: course.id)
            let whose = roster.first { $0.bookingId == mark.bookingId }?.participantId
            services.audit.record(.attendanceCorrected, by: context.actor, participantId: whose, subject: "\(course.id) \(date) \(mark.bookingId)")
            return try JSONResponse.make(answer, status: .created)
        }

        router.get("/v1/courses/:id/attendance") { _, context in
            let course = try readable(context)
            let record = try await services.database.attendance(courseId: course.id)
            return try JSONResponse.make(try await view(course, record, .attendanceRead, by: context.actor, subject: course.id).answer)
        }

        router.get("/v1/courses/:id/attendance.csv") { _, context in
            let course = try readable(context)
            let roster = try await services.database.attendanceRoster(courseId: course.id)
            services.audit.record(.attendanceRead, by: context.actor, participantIds: roster.map(\.participantId), subject: course.id)
            return try await AttendanceSpreadsheet.response(course: course, roster: roster, database: services.database)
        }
    }

    private func owned(_ context: APIRequestContext) async throws -> (Course, Organisation) {
        let caller = try context.require(.provider)
        return (try services.courseForAttendance(try context.parameters.require("id"), keptBy: caller), caller)
    }

    private func readable(_ context: APIRequestContext) throws -> Course {
        try services.courseForAttendance(try context.parameters.require("id"), readBy: try context.require(.provider))
    }

    /// The course's attendance, which names everyone on it: noted in the audit trail as `action`
    /// about each of them.
    private func view(
        _ course: Course, _ record: AttendanceRecord, _ action: AuditAction, by actor: AuditActor, subject: String
    ) async throws -> (answer: AttendanceView, roster: [AttendanceRosterLine]) {
        let roster = try await services.database.attendanceRoster(courseId: course.id)
        services.audit.record(action, by: actor, participantIds: roster.map(\.participantId), subject: subject)
        return (AttendanceView(courseId: course.id, record: record, roster: roster, rule: services.noShowRule, zone: services.zone), roster)
    }
}

extension APIError {
    package init(_ conflict: AttendanceConflict) {
        switch conflict {
        case .signedOff(let date):
            self = .conflict("attendance-signed-off", "The session of \(date) is signed off; change a mark with a correction and its reason.")
        case .nothingRecorded(let date):
            self = .conflict("attendance-not-recorded", "Nothing is recorded for the session of \(date) yet.")
        case .notSignedOff(let date):
            self = .conflict("attendance-not-signed-off", "The session of \(date) is not signed off yet; record it again instead of correcting it.")
        }
    }
}
