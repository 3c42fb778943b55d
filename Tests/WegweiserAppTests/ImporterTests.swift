import Foundation
import SchedulingCore
import Store
import Testing
@testable import Importing
@testable import WegweiserApp

@Suite struct ImporterTests {
    static let organisations = """
        [
          {"id": "prov", "kind": "provider", "name": "VHS"},
          {"id": "centre", "kind": "advice-centre", "name": "AWO"}
        ]
        """
    static let locations = """
        id,owner,name,address,district,lat,lon,stepFree
        loc,prov,VHS,"Königstraße 1, 47051 Duisburg",Mitte,51.43,6.76,true
        """

    func importing(_ files: [(String, String)], into scratch: Scratch) throws -> [Importer.FileOutcome] {
        let paths = try files.map { try scratch.file($0.0, $0.1) }
        return Importer(database: scratch.database, now: testNow).run(paths: paths)
    }

    @Test func filesAreImportedInDependencyOrderWhateverOrderTheyAreNamed() throws {
        let scratch = try Scratch()
        let courses = """
            id,provider,title,kind,level,locationId,capacity,womenOnly,childcare,startDate,endDate,weekdays,startTime,endTime,schoolHolidays
            c1,prov,Alphakurs,literacy,none,loc,12,false,true,2027-01-11,2027-06-30,MO;WE;FR,09:00,12:15,false
            """
        let outcomes = try importing([("courses.csv", courses), ("locations.csv", Self.locations), ("organisations.json", Self.organisations)], into: scratch)
        #expect(outcomes.allSatisfy { $0.failures.isEmpty })
        #expect(outcomes.map(\.kind) == [.organisations, .locations, .courses])
        #expect(outcomes.flatMap(\.access).count == 2)
        let course = try #require(try scratch.database.course(id: "c1"))
        #expect(course.kind == .literacy && course.childcare && course.weekdays == WeekdaySet([.monday, .wednesday, .friday]))
    }

    @Test func aBadRowIsReportedWithFileAndLineAndNothingFromThatFileIsImported() throws {
        let scratch = try Scratch()
        _ = try importing([("organisations.json", Self.organisations), ("locations.csv", Self.locations)], into: scratch)
        let courses = """
            id,provider,title,kind,level,locationId,capacity,womenOnly,childcare,startDate,endDate,weekdays,startTime,endTime,schoolHolidays
            c1,prov,Integrationskurs A1,general,A1,loc,20,false,false,2027-01-11,2027-06-30,MO;WE,09:00,12:15,false
            c2,prov,Integrationskurs A2,general,A7,loc,20,false,false,2027-01-11,2027-06-30,MO;WE,09:00,12:15,false
            c3,centre,Integrationskurs B1,general,B1,nowhere,twenty,false,false,2027-01-11,2027-06-30,MO,13:00,12:15,false
            """
        let path = try scratch.file("courses.csv", courses)
        let outcome = try #require(Importer(database: scratch.database, now: testNow).run(paths: [path]).first)
        #expect(outcome.imported == 0)
        let messages = outcome.failures.map(\.description)
        #expect(messages.contains("\(path):3: level: must be one of: none, A1, A2, B1, B2, C1, C2"))
        #expect(messages.contains("\(path):4: capacity: must be a number"))
        #expect(messages.contains("\(path):4: provider: 'centre' is a advice-centre, which cannot own courses"))
        #expect(messages.contains("\(path):4: locationId: no location 'nowhere'"))
        #expect(try scratch.database.counts().courses == 0)
    }

    @Test func jsonRowsAreReportedByTheLineTheyStartOn() throws {
        let scratch = try Scratch()
        _ = try importing([("organisations.json", Self.organisations), ("locations.csv", Self.locations)], into: scratch)
        let slots = """
            [
              {"id": "s1", "centre": "centre", "locationId": "loc", "start": "2027-01-12T09:00:00+01:00",
               "durationMinutes": 45, "service": "mbe", "languages": ["de", "tr"]},
              {"id": "s2", "centre": "centre", "locationId": "loc", "start": "2027-01-12T10:00:00+01:00",
               "durationMinutes": "45", "service": "mbe", "languages": ["de", "klingon"]}
            ]
            """
        let path = try scratch.file("slots.json", slots)
        let outcome = try #require(Importer(database: scratch.database, now: testNow).run(paths: [path]).first)
        #expect(outcome.failures.map(\.description).sorted() == [
            "\(path):4: durationMinutes: must be a number",
        ])
        #expect(try scratch.database.counts().slots == 0)
    }

    @Test func duplicateAndExistingIdsAreRejected() throws {
        let scratch = try Scratch()
        _ = try importing([("organisations.json", Self.organisations)], into: scratch)
        let again = try scratch.file("organisations-more.json", """
            [{"id": "prov", "kind": "provider", "name": "Again"},
             {"id": "new", "kind": "provider", "name": "New"},
             {"id": "new", "kind": "provider", "name": "Twice"}]
            """)
        let outcome = try #require(Importer(database: scratch.database, now: testNow).run(paths: [again]).first)
        #expect(outcome.failures.map(\.description) == [
            "\(again):1: id: 'prov' already exists", "\(again):3: id: 'new' appears twice in this file",
        ])
        #expect(try scratch.database.counts().organisations == 2)
    }

    @Test func unknownColumnsFieldsAndFileNamesAreRejectedBeforeAnyRow() throws {
        let scratch = try Scratch()
        let typo = try scratch.file("locations.csv", "id,owner,name,adress\nl,o,n,a\n")
        let stranger = try scratch.file("teachers.csv", "id\n1\n")
        let outcomes = Importer(database: scratch.database, now: testNow).run(paths: [typo, stranger])
        let messages = outcomes.flatMap(\.failures).map(\.description)
        #expect(messages.contains { $0.hasPrefix("\(typo):1: unknown column 'adress'") })
        #expect(messages.contains { $0.hasPrefix("\(stranger): the file name must start with what it holds") })
    }

    @Test func participantsFromCSVAndJSONAgree() async throws {
        let scratch = try Scratch()
        _ = try importing([("organisations.json", Self.organisations)], into: scratch)
        let csv = """
            id,centre,name,email,preferredLanguage,languages,gender,district,lat,lon,level,needsWomenOnly,needsChildcare,needsStepFree,availability,consent,registeredAt
            p1,centre,Ayşe Kaya,ayse@example.org,tr,tr;de,female,Hamborn,51.5,6.77,A1,true,true,false,morning;evening,true,2026-10-01T09:00:00+02:00
            """
        let json = """
            [{"id": "p2", "centre": "centre", "name": "Ayşe Kaya", "email": "ayse2@example.org", "preferredLanguage": "tr",
              "languages": ["tr", "de"], "gender": "female", "district": "Hamborn", "lat": 51.5, "lon": 6.77, "level": "A1",
              "needs": {"womenOnly": true, "childcare": true, "stepFree": false}, "availability": ["morning", "evening"],
              "consent": true, "registeredAt": "2026-10-01T09:00:00+02:00"}]
            """
        let outcomes = try importing([("participants-a.csv", csv), ("participants-b.json", json)], into: scratch)
        #expect(outcomes.allSatisfy { $0.failures.isEmpty })
        let fromCSV = try #require(try await scratch.database.participant(id: "p1"))
        let fromJSON = try #require(try await scratch.database.participant(id: "p2"))
        #expect(fromCSV.needs == fromJSON.needs && fromCSV.availability == fromJSON.availability)
        #expect(fromCSV.registeredAt == fromJSON.registeredAt && fromCSV.languages == fromJSON.languages)
    }
}
