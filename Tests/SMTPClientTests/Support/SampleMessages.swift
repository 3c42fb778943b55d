import Foundation
@testable import SMTPClient

/// Fixed messages for golden files and Python checks: one per script the app mails in.
enum SampleMessages {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// 2026-09-01 06:30:00 UTC.
    static let date = Date(timeIntervalSince1970: 1_788_244_200)
    static let sender = try! MailAddress("kurse@wegweiser.example.org", displayName: "Wegweiser Duisburg")

    static let calendarText = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Wegweiser//DE", "METHOD:REQUEST", "BEGIN:VEVENT",
        "UID:booking-7@wegweiser.example.org", "SEQUENCE:0", "DTSTAMP:20260901T063000Z",
        "DTSTART;TZID=Europe/Berlin:20260914T090000", "DTEND;TZID=Europe/Berlin:20260914T123000",
        "SUMMARY:Integrationskurs A1 – Modul 1", "LOCATION:VHS Duisburg\\, Königstraße 47",
        "END:VEVENT", "END:VCALENDAR",
    ].joined(separator: "\r\n") + "\r\n"

    static func message(
        _ name: String, _ address: String, subject: String, language: String, rtl: Bool = false,
        outboxId: Int64, body: String
    ) -> MailMessage {
        MailMessage(
            from: sender, to: try! MailAddress(address, displayName: name), subject: subject, date: date,
            messageId: MailMessage.messageId(outboxId: outboxId, domain: "wegweiser.example.org"),
            textBody: body, htmlBody: "<p>\(body)</p>", languageCode: language, isRightToLeft: rtl,
            calendar: CalendarAttachment(text: calendarText, method: .request)
        )
    }

    static let ayse = message(
        "Ayşe Yılmaz", "ayse.yilmaz@example.org", subject: "Kurs kaydınız onaylandı: Entegrasyon kursu A1",
        language: "tr", outboxId: 41,
        body: "Merhaba Ayşe Hanım,\nEntegrasyon kursu A1 için kaydınız onaylandı. Başlangıç: 14 Eylül 2026, 09:00."
    )
    static let mohammed = message(
        "محمد الأحمد", "m.alahmad@example.org", subject: "تم تأكيد تسجيلك في دورة الاندماج A1",
        language: "ar", rtl: true, outboxId: 42,
        body: "مرحبا محمد،\nتم تأكيد تسجيلك في دورة الاندماج A1. البداية: 14 سبتمبر 2026، الساعة 09:00."
    )
    static let ivan = message(
        "Иван Петров", "ivan.petrov@example.org", subject: "Ваша запись на интеграционный курс A1 подтверждена",
        language: "ru", outboxId: 43,
        body: "Здравствуйте, Иван!\nВаша запись на курс A1 подтверждена. Начало: 14 сентября 2026 г., 09:00."
    )

    static let all: [(fixture: String, message: MailMessage)] = [
        ("ayse-yilmaz.golden", ayse), ("mohammed-alahmad.golden", mohammed), ("ivan-petrov.golden", ivan),
    ]
}
