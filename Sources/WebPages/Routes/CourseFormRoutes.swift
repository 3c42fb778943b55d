import Hummingbird
import SchedulingCore
import Store
import WebAPI

/// A provider publishes a course on a form, sees the dates it will meet before saving it, and
/// changes what may change once it is published (title, seats, childcare, notice window).
struct CourseFormRoutes {
    let pages: WebPages
    private var services: APIServices { pages.services }

    func add(to router: Router<APIRequestContext>) {
        router.get("/provider/courses/new") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                return try await newCoursePage(request, session, CourseForm.blank)
            }
        }

        router.post("/provider/courses/new") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let form = try await pages.form(request, session)
                var courseForm = CourseForm(form)
                let places = try await pages.ownPlaces(session)
                guard let (course, place) = courseForm.validated(
                    id: Identifier.timeOrdered(prefix: "crs"), providerId: session.organisation.id, places: places)
                else {
                    return try await newCoursePage(request, session, courseForm, places: places, status: .unprocessableContent)
                }
                guard form["save"] != nil else {
                    let preview = CourseForm.preview(of: course, calendars: services.calendars, pages.renderer.strings, PageLanguage.of(request))
                    return try await newCoursePage(request, session, courseForm, places: places, preview: preview)
                }
                do {
                    _ = try await services.submit(.putCourse(course, at: place))
                } catch let refusal as APIError where refusal.status.code < 500 {
                    return try await newCoursePage(
                        request, session, courseForm, places: places, problem: refusal.detail ?? refusal.slug, status: refusal.status)
                }
                return .seeOther("/provider/courses/\(course.id)/edit?done=courseCreated")
            }
        }

        router.get("/provider/courses/:id/edit") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let course = try pages.ownCourse(try context.parameters.require("id"), session)
                return editPage(request, session, course, fields: FormFields(course))
            }
        }

        router.post("/provider/courses/:id/edit") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let form = try await pages.form(request, session)
                let course = try pages.ownCourse(try context.parameters.require("id"), session)
                var fields = FormFields(form, names: ["title", "capacity", "childcare", "cancelUntilHours"], checkboxes: ["childcare"])
                let patch = CoursePatch(
                    title: fields.values["title"] ?? "", capacity: fields.number("capacity"), childcare: form.isTicked("childcare"),
                    cancelUntilHours: fields.number("cancelUntilHours"))
                do {
                    let change = try patch.validated(courseId: course.id)
                    guard fields.errors.isEmpty else { return editPage(request, session, course, fields: fields, status: .unprocessableContent) }
                    _ = try await services.submit(.changeCourse(change))
                } catch let failure as ValidationFailure {
                    fields.add(failure)
                    return editPage(request, session, course, fields: fields, status: .unprocessableContent)
                } catch let refusal as APIError where refusal.status.code < 500 {
                    return editPage(request, session, course, fields: fields, problem: refusal.detail ?? refusal.slug, status: refusal.status)
                }
                return .seeOther("/provider/courses/\(course.id)/edit?done=courseChanged")
            }
        }

        router.post("/provider/courses/:id/withdraw") { request, context in
            await pages.guarded(request, context) {
                let session = try pages.staff(request, .provider)
                let form = try await pages.form(request, session)
                let course = try pages.ownCourse(try context.parameters.require("id"), session)
                guard form.isTicked("confirm") else {
                    var fields = FormFields(course)
                    fields.errors = [FieldError(field: "confirm", message: "tick the box to withdraw the course", rule: "confirmWithdrawal")]
                    return editPage(request, session, course, fields: fields, status: .unprocessableContent)
                }
                do {
                    let decision = try await services.submit(.withdrawCourse(courseId: course.id))
                    if case .courseWithdrawn(_, let cancelled) = decision {
                        pages.audit(.courseWithdrawn, session, context, participantIds: cancelled.map(\.participantId), subject: course.id)
                    }
                } catch let refusal as APIError where refusal.status.code < 500 {
                    return editPage(request, session, course, fields: FormFields(course), problem: refusal.detail ?? refusal.slug, status: refusal.status)
                }
                return .seeOther("/provider?done=courseWithdrawn")
            }
        }
    }

    private func newCoursePage(
        _ request: Request, _ session: StaffSessions.Session, _ form: CourseForm, places: [Location]? = nil,
        preview: [String: Any]? = nil, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let places = if let places { places } else { try await pages.ownPlaces(session) }
        var values = form.context(pages.renderer.strings, PageLanguage.of(request), places: places)
        if let preview { values["preview"] = preview }
        if let problem { values["problem"] = problem }
        return pages.page(request, titleKey: "courseForm.title", template: "course-form", values, staff: session, status: status)
    }

    private func editPage(
        _ request: Request, _ session: StaffSessions.Session, _ course: Course, fields: FormFields, problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = PageLanguage.of(request)
        var values = fields.context(pages.renderer.strings, language, names: ["title", "capacity", "childcare", "cancelUntilHours", "confirm"])
        values["held"] = services.catalogue.occupancy(courseId: course.id).map { $0.confirmed + $0.waitlisted } ?? 0
        values["id"] = course.id
        values["courseTitle"] = course.title
        if let problem { values["problem"] = problem }
        values.merge(pages.outcomeMessages(request)) { $1 }
        return pages.page(request, titleKey: "courseEdit.title", template: "course-edit", values, staff: session, status: status)
    }
}

extension WebPages {
    /// The places the signed-in provider keeps (every place for an administrator).
    func ownPlaces(_ session: StaffSessions.Session) async throws -> [Location] {
        try await services.database.locations(ownerId: session.organisation.kind == .admin ? nil : session.organisation.id)
    }
}

extension FormFields {
    /// A published course's changeable fields as they stand.
    init(_ course: Course) {
        self.init(
            values: ["title": course.title, "capacity": String(course.capacity), "cancelUntilHours": String(course.cancelUntilHours)],
            ticked: course.childcare ? ["childcare"] : [])
    }
}
