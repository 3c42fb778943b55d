import Notifier
import QRCode
import SchedulingCore
import Store

/// The one-page confirmation a centre prints for someone who reads no email: the booking in the
/// person's language with German beneath, and a QR code of their personal link.
enum ConfirmationSheet {
    /// The values of `confirmation-sheet.mustache`: both language parts already rendered.
    static func render(_ facts: MailFacts, waitlistPosition: Int?, pages: WebPages) async throws -> [String: Any] {
        let services = pages.services
        let page = try await LinkPage.load(facts, waitlistPosition: waitlistPosition, services: services, now: services.now())
        let language = page.language
        let strings = pages.renderer.participantStrings
        func part(_ language: LinkLanguage) -> String {
            var values = page.context(strings, language, actionBase: "", formToken: nil, zone: services.zone)
            values["canChange"] = page.canChange
            values["name"] = facts.participant.name
            values["t"] = strings.table(language)
            values["lang"] = language.rawValue
            values["dir"] = language.isRightToLeft ? "rtl" : "ltr"
            return pages.renderer.render("confirmation", values)
        }
        var sheet: [String: Any] = [
            "own": part(language), "lang": language.rawValue, "dir": language.isRightToLeft ? "rtl" : "ltr",
            "scan": strings.text("print.scan", language),
        ]
        if language != .de {
            sheet["german"] = part(.de)
            sheet["germanScan"] = strings.text("print.scan", .de)
        }
        if let link = services.composer.personalLink(for: facts) {
            sheet["link"] = link
            // Medium correction survives a crease or a smudge on paper; a link fits in a small code.
            sheet["qr"] = try QRCode.encode(link, correction: .medium).svg(moduleSize: 4, quietZone: 4, label: link)
        }
        return sheet
    }
}
