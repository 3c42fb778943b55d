import Foundation
import SchedulingCore
import Store
import Testing
@testable import Importing
@testable import WegweiserApp

@Suite struct SampleLoaderTests {
    @Test func samplesMeetTheirPromisedSizeAndLoadWithoutARejectedRow() throws {
        let scratch = try Scratch()
        let report = try SampleLoader(database: scratch.database, samples: Paths.samples).load(now: testNow)
        let counts = try scratch.database.counts()
        #expect(counts.courses >= 60 && counts.slots >= 300 && counts.participants >= 500)
        #expect(counts.organisations >= 10)
        let organisations = try scratch.database.organisations()
        #expect(organisations.filter { $0.kind == .provider }.count >= 6)
        #expect(organisations.filter { $0.kind == .adviceCentre }.count == 4)
        #expect(report.access.count == counts.organisations)
        let courses = try scratch.database.courses()
        #expect(Set(courses.map(\.kind)) == Set(CourseKind.allCases))
        let locations = Dictionary(uniqueKeysWithValues: try scratch.database.locations().map { ($0.id, $0) })
        #expect(Set(courses.compactMap { locations[$0.locationId]?.district }).count == 7)
        #expect(Set(try scratch.database.slots().flatMap(\.languages)).count >= 8)
    }

    @Test func datesAreMovedSoTheFirstOfferStartsNextWeekOnTheSameWeekday() throws {
        let scratch = try Scratch()
        let original = try #require(try ImportFile.read(path: Paths.samples.appendingPathComponent("courses.csv").path).firstDay(in: .europeBerlin))
        let report = try SampleLoader(database: scratch.database, samples: Paths.samples).load(now: testNow)
        #expect(report.shiftDays % 7 == 0)
        let first = try #require(try scratch.database.courses().map(\.startDate).min())
        let firstSlot = try #require(try scratch.database.slots().map { CivilZone.europeBerlin.local($0.start).date }.min())
        let nextMonday = try #require(LocalDate(iso: "2026-11-30"))  // testNow is Friday 2026-11-27
        #expect(min(first, firstSlot).startOfWeek == nextMonday)
        #expect(first.weekday == original.weekday)
    }

    @Test func slotsKeepTheirWallClockTimeAcrossSummerTime() throws {
        let scratch = try Scratch()
        _ = try SampleLoader(database: scratch.database, samples: Paths.samples).load(now: testNow)
        let file = try ImportFile.read(path: Paths.samples.appendingPathComponent("slots.json").path)
        var originalMinutes: [String: Int] = [:]
        for record in file.records {
            if case .slot(let input) = record.payload, let id = record.id, let start = input.start.flatMap({ Timestamp(rfc3339: $0) }) {
                originalMinutes[id] = CivilZone.europeBerlin.local(start).minutes
            }
        }
        for slot in try scratch.database.slots() {
            #expect(CivilZone.europeBerlin.local(slot.start).minutes == originalMinutes[slot.id])
        }
    }

    @Test func samplesRefuseADatabaseThatHoldsData() throws {
        let scratch = try Scratch()
        _ = try scratch.database.createOrganisation(kind: .admin, name: "Stadt", now: testNow)
        #expect(throws: SampleLoadError.self) {
            try SampleLoader(database: scratch.database, samples: Paths.samples).load(now: testNow)
        }
        #expect(try scratch.database.counts().courses == 0)
    }
}
