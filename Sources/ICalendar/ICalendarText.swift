/// Escaping of TEXT values.
///
/// - SeeAlso: RFC 5545 §3.3.11.
public enum ICalendarText {
    /// Turns `\,` `\;` `\\` and `\n` back into the characters they stand for.
    public static func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for c in value {
            if escaping {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
