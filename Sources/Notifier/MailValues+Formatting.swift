import SchedulingCore

/// Dates, times and weekdays as the mail's language writes them; participants' pages write them alike.
public enum MailFormatting {
    /// Day.month.year is read correctly in every language we write; the month name is not needed.
    public static func date(_ date: LocalDate) -> String {
        let (year, month, day) = date.components
        return (day < 10 ? "0" : "") + "\(day)." + (month < 10 ? "0" : "") + "\(month).\(year)"
    }

    public static func time(from start: Int, to end: Int) -> String {
        clock(start) + "–" + clock(end)
    }

    public static func clock(_ minutes: Int) -> String {
        TimeOfDay(minutes: minutes % (24 * 60))?.description ?? ""
    }

    public static func weekdays(_ days: WeekdaySet, language: String) -> String {
        let names = weekdayNames[language] ?? weekdayNames["de"]!
        return days.map { names[$0.index] }.joined(separator: ", ")
    }

    static let weekdayNames: [String: [String]] = [
        "de": ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
        "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        "tr": ["Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz"],
        "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
        "bg": ["пн", "вт", "ср", "чт", "пт", "сб", "нд"],
        "ro": ["lun", "mar", "mie", "joi", "vin", "sâm", "dum"],
        "pl": ["pon", "wt", "śr", "czw", "pt", "sob", "niedz"],
        "uk": ["пн", "вт", "ср", "чт", "пт", "сб", "нд"],
        "ru": ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
        "fa": ["دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه"],
    ]

    /// Counselling services by the names advice centres use for them.
    public static func service(_ service: ServiceKind) -> String {
        switch service {
        case .mbe: "Migrationsberatung für Erwachsene (MBE)"
        case .jmd: "Jugendmigrationsdienst (JMD)"
        case .social: "Sozialberatung"
        case .courseGuidance: "Beratung zu Sprachkursen"
        }
    }
}
