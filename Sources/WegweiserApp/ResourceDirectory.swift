import Foundation

/// Where `Calendars/`, `Notifications/` and `Samples/` are read from at run time.
///
/// Like Vapor's `Resources/`, they are data beside the package, not compiled in, so a city can
/// edit its calendars and templates without rebuilding.
public struct ResourceDirectory: Sendable, Equatable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public var calendars: URL { root.appendingPathComponent("Calendars") }
    public var notifications: URL { root.appendingPathComponent("Notifications") }
    public var samples: URL { root.appendingPathComponent("Samples") }

    /// The given directory; else the current directory or one of its parents, or one of the
    /// executable's parents (`.build/release/wegweiser` finds the package root), that holds `Calendars/`.
    public static func locate(explicit: String?) throws -> ResourceDirectory {
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard holdsResources(url) else { throw MissingResources(searched: [url.path]) }
            return ResourceDirectory(root: url)
        }
        var searched: [String] = []
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
                .deletingLastPathComponent(),
        ]
        for start in starts {
            var candidate = start.standardizedFileURL
            for _ in 0..<6 {
                searched.append(candidate.path)
                if holdsResources(candidate) { return ResourceDirectory(root: candidate) }
                candidate.deleteLastPathComponent()
            }
        }
        throw MissingResources(searched: searched)
    }

    private static func holdsResources(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("Calendars").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}

/// No resource directory was found.
public struct MissingResources: Error, CustomStringConvertible {
    public let searched: [String]
    public var description: String {
        "no Calendars/ directory found (looked in \(searched.joined(separator: ", "))); pass --resources DIR"
    }
}
