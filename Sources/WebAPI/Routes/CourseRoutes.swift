import Foundation
import Hummingbird
import ICalendar
import SchedulingCore
import Store

/// Courses: published and changed by their provider, listed publicly with their seats.
struct CourseRoutes {
    let services: APIServices

    func add(to router: Router<APIRequestContext>) {
        router.post("/v1/courses") { request, context in
            let caller = try context.require(.provider)
            let input = try await JSONBody.decode(CourseInput.self, from: request)
            let course = try input.validated(id: Identifier.timeOrdered(prefix: "crs"), providerId: caller.id)
            guard let location = try await services.database.location(id: course.locationId) else {
                throw APIError.invalid(field: "locationId", "names no known location")
            }
            _ = try await services.submit(.putCourse(course, at: location))
            return try JSONResponse.make(await view(course, location, sessions: true), status: .created)
        }

        router.patch("/v1/courses/:id") { request, context in
            let caller = try context.require(.provider)
            let id = try context.parameters.require("id")
            let (course, _) = try await published(id)
            guard caller.kind == .admin || course.providerId == caller.id else { throw APIError.notFound("course", id) }
            let patch = try await JSONBody.decode(CoursePatch.self, from: request)
            // One command: the ledger changes capacity, title and childcare of the course as it
            // stands when the command is decided, all of it or, refused, nothing.
            _ = try await services.submit(.changeCourse(try patch.validated(courseId: id)))
            let (changed, location) = try await published(id)
            return try JSONResponse.make(await view(changed, location, sessions: true))
        }

        router.get("/v1/courses") { request, _ in
            let query = QueryValues(request: request)
            var from: LocalDate?
            if let text = query.string("from") {
                guard let date = LocalDate(iso: text) else { throw APIError.invalid(field: "from", "must be a date YYYY-MM-DD") }
                from = date
            }
            let filter = CourseFilter(
                level: try query.choice("level", Level.self), kind: try query.choice("kind", CourseKind.self),
                district: query.string("district"), womenOnly: try query.bool("womenOnly"), childcare: try query.bool("childcare"),
                startingFrom: from)
            let pagination = try Pagination(request)
            let catalogue = services.catalogue
            let rows = catalogue.coursesWithLocations.map { ($0.course, $0.location, catalogue.occupancy(courseId: $0.course.id)) }
            let matching = rows.filter { filter.admits($0.0, at: $0.1) }
            let page = pagination.page(matching) { $0.0.id }
            return try JSONResponse.make(CourseList(
                courses: page.items.map { CourseView($0.0, location: $0.1, occupancy: $0.2) }, nextCursor: page.nextCursor))
        }

        router.get("/v1/courses/:id") { _, context in
            let id = try context.parameters.require("id")
            let (course, location) = try await published(id)
            return try JSONResponse.make(await view(course, location, sessions: true))
        }

        router.get("/v1/courses/:id/calendar.ics") { _, context in
            let id = try context.parameters.require("id")
            let (course, location) = try await published(id)
            guard let event = CalendarEvent(
                course: course, location: location, calendars: services.calendars, uid: "course-\(course.id)@wegweiser",
                stamp: services.now())
            else { throw APIError.conflict("no-sessions", "The course meets on no day: every date is a holiday.") }
            let text = renderCalendar(method: .publish, events: [event], zone: services.zone, productId: "-//Wegweiser//Kurse//DE")
            return Response(
                status: .ok, headers: [.contentType: "text/calendar; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }

        router.get("/v1/courses/:id/roster") { _, context in
            let caller = try context.require(.provider)
            let id = try context.parameters.require("id")
            let (course, _) = try await published(id)
            guard caller.kind == .admin || course.providerId == caller.id else { throw APIError.notFound("course", id) }
            let lines = try await services.database.roster(courseId: id)
            services.audit.record(.rosterRead, by: context.actor, participantIds: lines.map(\.participantId), subject: id)
            return try JSONResponse.make(Roster(
                courseId: id,
                confirmed: lines.filter { $0.status == .confirmed }.map { .init(bookingId: $0.bookingId, name: $0.name, atRisk: $0.atRisk) },
                waitlisted: lines.filter { $0.status == .waitlisted }.enumerated().map {
                    .init(bookingId: $1.bookingId, name: $1.name, waitlistPosition: $0 + 1)
                }))
        }
    }

    private func published(_ id: String) async throws -> (Course, Location) {
        guard let found = services.catalogue.courseWithLocation(id: id) else {
            throw APIError.notFound("course", id)
        }
        return (found.course, found.location)
    }

    private func view(_ course: Course, _ location: Location, sessions: Bool) async -> CourseView {
        let occupancy = services.catalogue.occupancy(courseId: course.id)
        return CourseView(
            course, location: location, occupancy: occupancy,
            sessions: sessions ? CourseSessions.dates(of: course, calendars: services.calendars) : nil)
    }
}

struct CourseList: Encodable {
    let courses: [CourseView]
    let nextCursor: String?
}

struct Roster: Encodable {
    struct Line: Encodable {
        let bookingId, name: String
        /// On a confirmed line: its absences broke the no-show rule.
        var atRisk: Bool? = nil
        var waitlistPosition: Int? = nil
    }

    let courseId: String
    let confirmed: [Line]
    let waitlisted: [Line]
}
