import Foundation
import SchedulingCore
import Testing
@testable import Notifier

@Suite struct TemplateLibraryTests {
    static let notifications = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Notifications")
    static let languages = ["de", "en", "tr", "ar", "bg", "ro", "pl", "uk", "ru", "fa"]

    static func values(name: String = "Ayşe Yılmaz", position: Int? = 3) -> MailValues {
        MailValues(
            name: name, offerTitle: "Integrationskurs A1", isCourse: true, date: "11.01.2027", time: "09:00–12:15",
            weekdays: "Mo, Mi", location: "VHS-Zentrum Stadtmitte", address: "Münzstraße 31, 47051 Duisburg",
            waitlistPosition: position, organisation: "AWO Duisburg", contact: "0203 000000")
    }

    @Test func everyKindIsWrittenInEveryPromisedLanguage() throws {
        let library = try TemplateLibrary(directory: Self.notifications)
        for kind in MailKind.allCases {
            #expect(library.languages(for: kind).isSuperset(of: Self.languages), "\(kind)")
        }
    }

    @Test(arguments: MailKind.allCases)
    func everyTemplateGreetsByNameAndNamesTheOffer(_ kind: MailKind) throws {
        let library = try TemplateLibrary(directory: Self.notifications)
        var appointment = Self.values()
        appointment.isCourse = false
        appointment.offerTitle = "Migrationsberatung"
        for code in Self.languages {
            let counselling = library.render(kind, language: LanguageCode(code)!, values: appointment)
            #expect(counselling.text.contains("Migrationsberatung") || counselling.subject.contains("Migrationsberatung"), "\(kind).\(code)")
            #expect(!counselling.text.contains("Mo, Mi"), "\(kind).\(code): course days in an appointment mail")
            let mail = library.render(kind, language: LanguageCode(code)!, values: Self.values())
            #expect(mail.language.code == code)
            #expect(mail.text.contains("Ayşe Yılmaz"), "\(kind).\(code)")
            #expect(mail.text.contains("Integrationskurs A1") || mail.subject.contains("Integrationskurs A1"), "\(kind).\(code)")
            #expect(!mail.text.contains("{{") && !mail.subject.contains("{{"), "\(kind).\(code) left a tag unrendered")
            #expect(!mail.subject.isEmpty && !mail.subject.contains("\n"))
        }
    }

    @Test func waitlistMailsTellThePlaceInLine() throws {
        let library = try TemplateLibrary(directory: Self.notifications)
        for code in Self.languages {
            let mail = library.render(.waitlisted, language: LanguageCode(code)!, values: Self.values(position: 7))
            #expect(mail.text.contains("7") || mail.subject.contains("7"), "\(code)")
        }
    }

    @Test func aLanguageWithoutTemplatesGetsGerman() throws {
        let library = try TemplateLibrary(directory: Self.notifications)
        let mail = library.render(.confirmed, language: LanguageCode("ti")!, values: Self.values())
        #expect(mail.language == .german)
        #expect(mail.text.contains("Ayşe Yılmaz") && mail.html.hasPrefix("<main>"))
    }

    @Test func rightToLeftLanguagesAreWrittenInTheirLanguage() throws {
        let library = try TemplateLibrary(directory: Self.notifications)
        for code in ["ar", "fa"] {
            let mail = library.render(.confirmed, language: LanguageCode(code)!, values: Self.values(name: "محمد الأحمد"))
            #expect(mail.language.isRightToLeft)
            #expect(mail.html.contains("محمد الأحمد"))
        }
    }
}

/// Rendering rules, on templates written here so the test says what it relies on.
@Suite struct MailTemplateTests {
    static func library(_ files: [String: String]) throws -> TemplateLibrary {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wegweiser-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var all = Dictionary(uniqueKeysWithValues: MailKind.allCases.map { ("\($0.rawValue).de.mustache", "Subject: {{offerTitle}}\n\nHallo {{name}}.\n") })
        all.merge(files) { _, new in new }
        for (name, text) in all { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return try TemplateLibrary(directory: directory)
    }

    @Test func valuesAreEscapedInHTMLButNotInText() throws {
        let library = try Self.library([:])
        let mail = library.render(.confirmed, language: .german, values: TemplateLibraryTests.values(name: "<script>Ali & Co</script>"))
        #expect(mail.text == "Hallo <script>Ali & Co</script>.\n")
        #expect(mail.html.contains("<p>Hallo &lt;script&gt;Ali &amp; Co&lt;/script&gt;.</p>"))
    }

    @Test func lineBreaksInValuesCannotReachTheSubject() throws {
        let library = try Self.library(["confirmed.en.mustache": "Subject: Booked for {{name}}\n\nHello.\n"])
        let mail = library.render(.confirmed, language: LanguageCode("en")!, values: TemplateLibraryTests.values(name: "X\r\nBcc: x@example.org"))
        #expect(!mail.subject.contains("\r") && !mail.subject.contains("\n"))
        #expect(mail.subject.hasPrefix("Booked for X"))
    }

    @Test func paragraphsBecomeHTMLParagraphs() throws {
        let library = try Self.library(["reminder.de.mustache": "Subject: Erinnerung\n\nErster Absatz.\n\nZweiter\nAbsatz.\n"])
        let mail = library.render(.reminder, language: .german, values: TemplateLibraryTests.values())
        #expect(mail.text == "Erster Absatz.\n\nZweiter\nAbsatz.\n")
        #expect(mail.html.contains("<p>Erster Absatz.</p>\n<p>Zweiter<br>\nAbsatz.</p>"))
    }

    @Test func brokenTemplatesAreRefusedWithTheirFileName() {
        #expect(throws: TemplateError.self) { try Self.library(["confirmed.en.mustache": "Hello {{name}}\n"]) }
        #expect(throws: TemplateError.self) { try Self.library(["confirmed.en.mustache": "Subject: x\n\n{{#isCourse}}open\n"]) }
        #expect(throws: TemplateError.self) { try Self.library(["thanks.en.mustache": "Subject: x\n\ny\n"]) }
    }
}
