import SchedulingCore

/// What an import file holds, told by the start of its name (`courses.csv`, `participants-awo.json`).
public enum ImportKind: String, CaseIterable, Sendable, Comparable {
    // Declared in dependency order: a file may refer only to rows of kinds above its own.
    case organisations, locations, courses, slots, participants

    public init?(fileName: String) {
        guard let kind = ImportKind.allCases.first(where: { fileName.lowercased().hasPrefix($0.rawValue) }) else {
            return nil
        }
        self = kind
    }

    /// The field naming the organisation a row belongs to.
    var ownerField: String? {
        switch self {
        case .organisations: nil
        case .locations: "owner"
        case .courses: "provider"
        case .slots, .participants: "centre"
        }
    }

    /// Which kinds of organisation may own rows of this kind.
    var ownerKinds: Set<OrganisationKind> {
        switch self {
        case .organisations: []
        case .locations: [.provider, .adviceCentre, .admin]
        case .courses: [.provider, .admin]
        case .slots, .participants: [.adviceCentre, .admin]
        }
    }

    /// The columns a CSV file of this kind may have, sorted.
    public var csvColumns: [String] {
        fields.map(ImportRow.csvColumn(for:)).sorted()
    }

    /// Every field a row may have.
    var fields: Set<String> {
        var fields: Set<String> = ["id"]
        if let ownerField { fields.insert(ownerField) }
        switch self {
        case .organisations: fields.formUnion(["kind", "name", "phone", "email", "address", "openingHours"])
        case .locations: fields.formUnion(["name", "address", "district", "lat", "lon", "stepFree"])
        case .courses:
            fields.formUnion([
                "title", "kind", "level", "locationId", "capacity", "womenOnly", "childcare", "startDate",
                "endDate", "weekdays", "startTime", "endTime", "schoolHolidays", "cancelUntilHours",
            ])
        case .slots:
            fields.formUnion(["locationId", "start", "durationMinutes", "service", "languages", "womenOnly", "counsellor", "cancelUntilHours"])
        case .participants:
            fields.formUnion([
                "name", "email", "phone", "preferredLanguage", "languages", "gender", "district", "lat", "lon", "level",
                "needs.womenOnly", "needs.childcare", "needs.stepFree", "availability", "consent", "registeredAt",
                "attendanceConsent",
            ])
        }
        return fields
    }

    public static func < (lhs: ImportKind, rhs: ImportKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A row's content before validation, as the API's input types.
enum ImportPayload: Sendable {
    case organisation(OrganisationInput)
    case location(LocationInput)
    case course(CourseInput)
    case slot(SlotInput)
    case participant(ParticipantInput)
}

extension ImportKind {
    func payload(from row: inout ImportRow) -> ImportPayload {
        switch self {
        case .organisations:
            return .organisation(OrganisationInput(
                kind: row.string("kind"), name: row.string("name"),
                contact: OrganisationContactInput(
                    phone: row.string("phone"), email: row.string("email"), address: row.string("address"),
                    openingHours: row.string("openingHours"))))
        case .locations:
            return .location(LocationInput(
                name: row.string("name"), address: row.string("address"), district: row.string("district"),
                lat: row.double("lat"), lon: row.double("lon"), stepFree: row.bool("stepFree")))
        case .courses:
            return .course(CourseInput(
                title: row.string("title"), kind: row.string("kind"), level: row.string("level"),
                locationId: row.string("locationId"), capacity: row.int("capacity"),
                womenOnly: row.bool("womenOnly"), childcare: row.bool("childcare"),
                startDate: row.string("startDate"), endDate: row.string("endDate"), weekdays: row.list("weekdays"),
                startTime: row.string("startTime"), endTime: row.string("endTime"),
                schoolHolidays: row.bool("schoolHolidays"), cancelUntilHours: row.int("cancelUntilHours")))
        case .slots:
            return .slot(SlotInput(
                locationId: row.string("locationId"), start: row.string("start"),
                durationMinutes: row.int("durationMinutes"), service: row.string("service"),
                languages: row.list("languages"), womenOnly: row.bool("womenOnly"),
                counsellor: row.string("counsellor"), cancelUntilHours: row.int("cancelUntilHours")))
        case .participants:
            return .participant(ParticipantInput(
                name: row.string("name"), email: row.string("email"), phone: row.string("phone"),
                preferredLanguage: row.string("preferredLanguage"), languages: row.list("languages"),
                gender: row.string("gender"), district: row.string("district"), lat: row.double("lat"),
                lon: row.double("lon"), level: row.string("level"),
                needs: NeedsInput(
                    womenOnly: row.bool("needs.womenOnly"), childcare: row.bool("needs.childcare"),
                    stepFree: row.bool("needs.stepFree")),
                availability: row.list("availability"), consent: row.bool("consent"),
                registeredAt: row.string("registeredAt"), attendanceConsent: row.bool("attendanceConsent")))
        }
    }
}
