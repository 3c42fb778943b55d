/// Names of the languages people counselled in Germany most often speak, in German (as after
/// "auf": "auf Türkisch") and English. Any other language is shown by its code.
enum LanguageNames {
    static func names(of language: LanguageCode) -> (german: String, english: String) {
        table[language.code] ?? (language.code, language.code)
    }

    static let table: [String: (german: String, english: String)] = [
        "de": ("Deutsch", "German"), "en": ("Englisch", "English"), "tr": ("Türkisch", "Turkish"),
        "ar": ("Arabisch", "Arabic"), "bg": ("Bulgarisch", "Bulgarian"), "ro": ("Rumänisch", "Romanian"),
        "pl": ("Polnisch", "Polish"), "uk": ("Ukrainisch", "Ukrainian"), "ru": ("Russisch", "Russian"),
        "fa": ("Persisch", "Persian"), "ku": ("Kurdisch", "Kurdish"), "ckb": ("Sorani", "Sorani Kurdish"),
        "kmr": ("Kurmandschi", "Kurmanji Kurdish"), "prs": ("Dari", "Dari"), "pes": ("Persisch", "Persian"),
        "ps": ("Paschtu", "Pashto"), "ti": ("Tigrinya", "Tigrinya"), "so": ("Somali", "Somali"),
        "sq": ("Albanisch", "Albanian"), "sr": ("Serbisch", "Serbian"), "hr": ("Kroatisch", "Croatian"),
        "bs": ("Bosnisch", "Bosnian"), "mk": ("Mazedonisch", "Macedonian"), "el": ("Griechisch", "Greek"),
        "it": ("Italienisch", "Italian"), "es": ("Spanisch", "Spanish"), "pt": ("Portugiesisch", "Portuguese"),
        "fr": ("Französisch", "French"), "hu": ("Ungarisch", "Hungarian"), "vi": ("Vietnamesisch", "Vietnamese"),
        "zh": ("Chinesisch", "Chinese"), "ur": ("Urdu", "Urdu"), "hi": ("Hindi", "Hindi"),
        "ka": ("Georgisch", "Georgian"), "hy": ("Armenisch", "Armenian"), "az": ("Aserbaidschanisch", "Azerbaijani"),
        "rom": ("Romanes", "Romani"), "zza": ("Zazaki", "Zazaki"), "ber": ("Berberisch", "Berber"),
    ]
}
