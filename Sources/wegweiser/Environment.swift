import Foundation

/// Every flag may also come from `WEGWEISER_<FLAG>` (`--smtp-url` from `WEGWEISER_SMTP_URL`);
/// a flag given on the command line wins.
enum Environment {
    static func value(forFlag flag: String) -> String? {
        let name = "WEGWEISER_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
        return ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A flag set in the environment: `1`, `true` or `yes`.
    static func isOn(_ flag: String) -> Bool {
        ["1", "true", "yes"].contains(value(forFlag: flag)?.lowercased() ?? "")
    }

    static func database(_ flag: String?) -> String {
        flag ?? value(forFlag: "db") ?? "wegweiser.sqlite"
    }
}
