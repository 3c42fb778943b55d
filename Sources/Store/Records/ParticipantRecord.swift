import GRDB
import SchedulingCore

/// A row of `participant`.
struct ParticipantRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "participant"
    var id: String
    var centreId: String
    var name: String
    /// '' for someone without email (the column predates optional addresses).
    var email: String
    var preferredLanguage: String
    var languages: String
    var gender: String
    var district: String
    var lat: Double
    var lon: Double
    var level: String
    var needsWomenOnly: Bool
    var needsChildcare: Bool
    var needsStepFree: Bool
    var availability: String
    var consentAt: Int64
    var registeredAt: Int64
    var erasedAt: Int64?
    var phone: String?
    var attendanceConsent: Bool
    var consentWording: String?
    var consentLanguage: String?
    var consentRecordedBy: String?
    var consentRecordedByPerson: String?
    var exactLocation: Bool

    init(_ participant: Participant, consentAt: Timestamp) {
        id = participant.id
        centreId = participant.centreId
        name = participant.name
        email = participant.email ?? ""
        phone = participant.phone
        preferredLanguage = participant.preferredLanguage.code
        languages = participant.languages.map(\.code).joined(separator: ",")
        gender = participant.gender.rawValue
        district = participant.district
        lat = participant.coordinate.latitude
        lon = participant.coordinate.longitude
        level = participant.level.rawValue
        needsWomenOnly = participant.needs.womenOnly
        needsChildcare = participant.needs.childcare
        needsStepFree = participant.needs.stepFree
        availability = DayPart.allCases.filter(participant.availability.contains).map(\.rawValue)
            .joined(separator: ",")
        self.consentAt = (participant.consent?.givenAt ?? consentAt).secondsSinceEpoch
        consentWording = participant.consent?.wordingVersion
        consentLanguage = participant.consent?.language.code
        consentRecordedBy = participant.consent?.recordedBy
        consentRecordedByPerson = participant.consent?.recordedByPerson
        exactLocation = participant.exactLocation
        registeredAt = participant.registeredAt.secondsSinceEpoch
        erasedAt = nil
        attendanceConsent = participant.sharesAttendance
    }

    func model() throws -> Participant {
        guard let preferred = LanguageCode(preferredLanguage) else {
            throw CorruptRow(column: "participant.preferredLanguage", value: preferredLanguage)
        }
        return Participant(
            id: id, centreId: centreId, name: name, email: email.isEmpty ? nil : email, phone: phone, preferredLanguage: preferred,
            languages: try decodeLanguages(languages, column: "participant.languages"),
            gender: try decode(Gender.self, gender, column: "participant.gender"), district: district,
            coordinate: Coordinate(latitude: lat, longitude: lon),
            level: try decode(Level.self, level, column: "participant.level"),
            needs: Needs(womenOnly: needsWomenOnly, childcare: needsChildcare, stepFree: needsStepFree),
            availability: Set(try availability.split(separator: ",").map {
                try decode(DayPart.self, String($0), column: "participant.availability")
            }),
            registeredAt: Timestamp(secondsSinceEpoch: registeredAt), sharesAttendance: attendanceConsent,
            consent: consentRecord(), exactLocation: exactLocation)
    }

    /// Consent as recorded since v6-data-protection; before it only its time was kept.
    private func consentRecord() -> ConsentRecord? {
        guard let consentWording, let consentRecordedBy, let language = consentLanguage.flatMap(LanguageCode.init) else { return nil }
        return ConsentRecord(
            givenAt: Timestamp(secondsSinceEpoch: consentAt), wordingVersion: consentWording, language: language,
            recordedBy: consentRecordedBy, recordedByPerson: consentRecordedByPerson)
    }
}
