import Testing
@testable import SchedulingCore

/// Every validation rule: a valid input passes, and each broken rule is named by its field.

/// Breaks one rule of a valid input and expects validation to name that field with that message.
func expectBroken<Input, Output>(
    _ valid: Input, _ rule: (field: String, breakIt: @Sendable (inout Input) -> Void, message: String),
    validate: (Input) throws(ValidationFailure) -> Output
) {
    var input = valid
    rule.breakIt(&input)
    do {
        _ = try validate(input)
        Issue.record("expected \(rule.field) to fail")
    } catch {
        #expect(error.errors.contains { $0.field == rule.field && $0.message.contains(rule.message) }, "\(error)")
    }
}
@Suite struct CourseValidationTests {
    static let valid = CourseInput(
        title: "Integrationskurs A1", kind: "general", level: "A1", locationId: "loc-1", capacity: 20,
        startDate: "2027-05-03", endDate: "2027-07-30", weekdays: ["MO", "WE"], startTime: "09:00", endTime: "12:15")

    @Test func validCourseIsAccepted() throws {
        let course = try Self.valid.validated(id: "c1", providerId: "p1")
        #expect(course.weekdays == WeekdaySet([.monday, .wednesday]))
        #expect(course.womenOnly == false && course.childcare == false && !course.pausesInSchoolHolidays)
    }

    @Test func womensCourseIsWomenOnlyByDefault() throws {
        var input = Self.valid
        input.kind = "women"
        #expect(try input.validated(id: "c1", providerId: "p1").womenOnly)
    }

    static let broken: [(String, @Sendable (inout CourseInput) -> Void, String)] = [
        ("title", { $0.title = nil }, "is required"),
        ("title", { $0.title = "   " }, "must not be empty"),
        ("title", { $0.title = "A\r\nBcc: x@example.org" }, "control characters"),
        ("kind", { $0.kind = "evening" }, "must be one of: general, women, parents"),
        ("level", { $0.level = "A3" }, "must be one of: none, A1"),
        ("locationId", { $0.locationId = nil }, "is required"),
        ("capacity", { $0.capacity = 0 }, "between 1 and 100000"),
        ("capacity", { $0.capacity = nil }, "is required"),
        ("startDate", { $0.startDate = "03.05.2027" }, "YYYY-MM-DD"),
        ("endDate", { $0.endDate = "2027-05-02" }, "not be before startDate"),
        ("weekdays", { $0.weekdays = [] }, "at least one weekday"),
        ("weekdays", { $0.weekdays = ["MON"] }, "must be one of: MO, TU"),
        ("startTime", { $0.startTime = "9:00" }, "HH:MM"),
        ("endTime", { $0.endTime = "08:00" }, "after startTime"),
        ("level", { $0.kind = "literacy"; $0.level = "B1" }, "literacy course is at level none or A1"),
        ("level", { $0.level = "none" }, "only literacy courses"),
        ("womenOnly", { $0.kind = "women"; $0.womenOnly = false }, "women-only"),
    ]

    @Test(arguments: broken.indices)
    func brokenRuleIsNamedByItsField(_ index: Int) {
        expectBroken(Self.valid, Self.broken[index]) { (input) throws(ValidationFailure) in try input.validated(id: "c1", providerId: "p1") }
    }

    @Test func everyBrokenRuleIsReportedAtOnce() {
        let input = CourseInput(kind: "x", capacity: -1)
        do {
            _ = try input.validated(id: "c1", providerId: "p1")
            Issue.record("expected a failure")
        } catch {
            let fields = Set(error.errors.map(\.field))
            #expect(fields.isSuperset(of: ["title", "kind", "level", "locationId", "capacity", "startDate", "weekdays"]))
        }
    }
}

@Suite struct SlotValidationTests {
    static let valid = SlotInput(
        locationId: "loc-1", start: "2027-05-04T10:00:00+02:00", durationMinutes: 45, service: "mbe",
        languages: ["de", "TR"], counsellor: "Ayşe Demir")

    @Test func validSlotIsAcceptedWithNormalisedLanguages() throws {
        let slot = try Self.valid.validated(id: "s1", centreId: "c1")
        #expect(slot.languages.map(\.code) == ["de", "tr"])
        #expect(slot.end == Timestamp(rfc3339: "2027-05-04T10:45:00+02:00"))
    }

    static let broken: [(String, @Sendable (inout SlotInput) -> Void, String)] = [
        ("locationId", { $0.locationId = "" }, "must not be empty"),
        ("start", { $0.start = "2027-05-04T10:00:00" }, "RFC 3339"),
        ("start", { $0.start = nil }, "is required"),
        ("start", { $0.start = "9999-12-31T23:59:00Z" }, "must be in the years 2000 to 2999"),
        ("start", { $0.start = "0001-01-01T00:00:00+14:00" }, "must be in the years 2000 to 2999"),
        ("durationMinutes", { $0.durationMinutes = 0 }, "between 5 and 480"),
        ("service", { $0.service = "legal" }, "must be one of: mbe, jmd, social, course-guidance"),
        ("languages", { $0.languages = [] }, "at least one language"),
        ("languages", { $0.languages = ["de", "xx"] }, "'xx' is not an ISO 639-1"),
        ("counsellor", { $0.counsellor = "" }, "must not be empty"),
    ]

    @Test(arguments: broken.indices)
    func brokenRuleIsNamedByItsField(_ index: Int) {
        expectBroken(Self.valid, Self.broken[index]) { (input) throws(ValidationFailure) in try input.validated(id: "s1", centreId: "c1") }
    }
}

@Suite struct ParticipantValidationTests {
    static let valid = ParticipantInput(
        name: "Elif Yılmaz", email: "elif.yilmaz@example.org", preferredLanguage: "tr", languages: ["de"],
        gender: "female", district: "Hamborn", lat: 51.495, lon: 6.77, level: "A1",
        needs: NeedsInput(womenOnly: true, childcare: true), availability: ["morning"], consent: true)

    @Test func validParticipantIsAcceptedWithPreferredLanguageFirst() throws {
        let now = Fixture.instant("2027-01-01T10:00:00+01:00")
        let participant = try Self.valid.validated(id: "p1", centreId: "c1", now: now)
        #expect(participant.languages.map(\.code) == ["tr", "de"])
        #expect(participant.needs == Needs(womenOnly: true, childcare: true, stepFree: false))
        #expect(participant.registeredAt == now)
        #expect(participant.availability == [.morning])
    }

    @Test func arabicAndHebrewNamesNeedNoControlsAndPass() throws {
        var input = Self.valid
        input.name = "فاطمة الزهراء"
        #expect(try input.validated(id: "p1", centreId: "c1", now: Fixture.now).name == "فاطمة الزهراء")
        input.name = "מרים כהן"
        #expect(try input.validated(id: "p1", centreId: "c1", now: Fixture.now).name == "מרים כהן")
    }

    @Test func missingOptionalFieldsTakeSensibleDefaults() throws {
        var input = Self.valid
        input.gender = nil
        input.needs = nil
        input.availability = nil
        input.languages = nil
        let participant = try input.validated(id: "p1", centreId: "c1", now: Fixture.now)
        #expect(participant.gender == .unspecified)
        #expect(participant.availability == Set(DayPart.allCases))
        #expect(participant.languages.map(\.code) == ["tr"])
    }

    static let broken: [(String, @Sendable (inout ParticipantInput) -> Void, String)] = [
        ("name", { $0.name = nil }, "is required"),
        ("name", { $0.name = "Elif \u{202E}zılmaY" }, "bidirectional control characters"),
        ("name", { $0.name = "\u{2067}Elif" }, "bidirectional control characters"),
        ("name", { $0.name = "E" + String(repeating: "\u{0301}", count: 500) }, "bytes in UTF-8"),
        ("district", { $0.district = "Hamborn\u{200F}" }, "bidirectional control characters"),
        ("consentWording", { $0.consentWording = "2019-01" }, "must be a version of the consent text"),
        ("email", { $0.email = "elif@" }, "email address"),
        ("email", { $0.email = "elif@example.org\r\nBcc: x@example.org" }, "control characters"),
        ("email", { $0.email = "two@@example.org" }, "email address"),
        ("preferredLanguage", { $0.preferredLanguage = "turkish" }, "not an ISO 639-1"),
        ("languages", { $0.languages = ["zz"] }, "not an ISO 639-1"),
        ("gender", { $0.gender = "f" }, "must be one of: female, male, diverse, unspecified"),
        ("district", { $0.district = "" }, "must not be empty"),
        ("lat", { $0.lat = 91 }, "between -90 and 90"),
        ("lon", { $0.lon = nil }, "is required"),
        ("level", { $0.level = "beginner" }, "must be one of: none, A1"),
        ("needs.womenOnly", { $0.gender = "male" }, "gender is female"),
        ("availability", { $0.availability = [] }, "at least one of"),
        ("availability", { $0.availability = ["night"] }, "must be one of: morning, afternoon, evening"),
        ("consent", { $0.consent = false }, "must be true"),
        ("consent", { $0.consent = nil }, "must be true"),
        ("registeredAt", { $0.registeredAt = "last week" }, "RFC 3339"),
    ]

    @Test(arguments: broken.indices)
    func brokenRuleIsNamedByItsField(_ index: Int) {
        expectBroken(Self.valid, Self.broken[index]) { (input) throws(ValidationFailure) in try input.validated(id: "p1", centreId: "c1", now: Fixture.now) }
    }
}

@Suite struct LocationAndOrganisationValidationTests {
    @Test func validLocationIsAcceptedAndStepFreeDefaultsToFalse() throws {
        let location = try LocationInput(name: "VHS", address: "Königstraße 1", district: "Mitte", lat: 51.43, lon: 6.76)
            .validated(id: "l1", ownerId: "o1")
        #expect(location.stepFree == false)
    }

    @Test func brokenLocationNamesEveryField() {
        do {
            _ = try LocationInput(name: "", lat: -100, lon: 200).validated(id: "l1", ownerId: "o1")
            Issue.record("expected a failure")
        } catch {
            #expect(Set(error.errors.map(\.field)) == ["name", "address", "district", "lat", "lon"])
        }
    }

    @Test func organisationKindMustBeKnown() {
        #expect(throws: ValidationFailure.self) { try OrganisationInput(kind: "school", name: "X").validated(id: "o") }
        #expect((try? OrganisationInput(kind: "advice-centre", name: "AWO").validated(id: "o"))?.kind == .adviceCentre)
    }

    @Test func languageCodesAreISO639() {
        #expect(LanguageCode("de") != nil)
        #expect(LanguageCode("ckb") != nil)  // Sorani: no 639-1 code of its own
        #expect(LanguageCode("deu") == nil)  // German has a 639-1 code, so that is the one to use
        #expect(LanguageCode("xx") == nil)
        #expect(LanguageCode("ar")!.isRightToLeft && LanguageCode("fa")!.isRightToLeft && !LanguageCode("tr")!.isRightToLeft)
    }

    @Test(arguments: ["a@example.org", "a.b+c@sub.example.com", "x@example.de"])
    func plausibleEmailsAreAccepted(_ email: String) {
        #expect(EmailAddress.isValid(email))
    }

    @Test(arguments: ["a@b", "@example.org", "a@example..org", "a b@example.org", ".a@example.org", "a@-x.org", "a\n@example.org"])
    func implausibleEmailsAreRejected(_ email: String) {
        #expect(!EmailAddress.isValid(email))
    }
}
