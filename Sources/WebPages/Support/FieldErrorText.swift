import SchedulingCore

extension UIStrings where Language == PageLanguage {
    /// A broken rule in `language`: the sentence of `invalid.<rule>` with `{1}`, `{2}` … filled
    /// in, or the API's English sentence for a rule that has none.
    func explanation(of error: FieldError, _ language: PageLanguage) -> String {
        guard let rule = error.rule, var text = knownText("invalid.\(rule)", language) else { return error.message }
        for (index, value) in error.values.enumerated() {
            text = text.replacingOccurrences(of: "{\(index + 1)}", with: value)
        }
        return text
    }
}

/// The fields of a posted form as a page shows them again: each one's value, and the broken
/// rules beside it, in the page's language.
struct FormFields {
    var values: [String: String]
    var ticked: Set<String>
    var errors: [FieldError] = []

    init(values: [String: String], ticked: Set<String>, errors: [FieldError] = []) {
        self.values = values
        self.ticked = ticked
        self.errors = errors
    }

    /// What a posted form holds in the fields `names`; of those, `checkboxes` are ticked or not.
    init(_ form: FormBody, names: [String], checkboxes: Set<String>) {
        self.init(
            values: Dictionary(uniqueKeysWithValues: names.filter { !checkboxes.contains($0) }.compactMap { name in form[name].map { (name, $0) } }),
            ticked: checkboxes.filter(form.isTicked))
    }

    /// `f.<name>.value`, `f.<name>.error` and `f.<name>.checked` for the template, and
    /// `errors` for the summary above the form (each linking to its field).
    func context(_ strings: UIStrings<PageLanguage>, _ language: PageLanguage, names: [String]) -> [String: Any] {
        var fields: [String: Any] = [:]
        for name in names {
            var field: [String: Any] = ["value": values[name] ?? "", "checked": ticked.contains(name)]
            let broken = errors.filter { $0.field == name }.map { strings.explanation(of: $0, language) }
            if !broken.isEmpty { field["error"] = broken.joined(separator: " ") }
            fields[name] = field
        }
        return [
            "f": fields, "hasErrors": !errors.isEmpty,
            "errors": errors.map {
                ["field": $0.field, "isWeekdays": $0.field == "weekdays", "label": strings.text("field.\($0.field)", language),
                 "text": strings.explanation(of: $0, language)]
            },
        ]
    }

    /// A whole number typed into `name`, nil when blank; anything else is a broken rule of its own.
    mutating func number(_ name: String) -> Int? {
        guard let text = values[name], !text.isEmpty else { return nil }
        guard let number = Int(text) else {
            errors.append(FieldError(field: name, message: "must be a whole number", rule: "wholeNumber"))
            return nil
        }
        return number
    }

    /// Adds the rules `failure` names, except for a field whose text was no number: that error
    /// already says what is wrong with it.
    mutating func add(_ failure: ValidationFailure) {
        let unreadable = Set(errors.map(\.field))
        errors += failure.errors.filter { !unreadable.contains($0.field) }
    }
}
