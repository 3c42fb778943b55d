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

    /// The given directory; else the working directory itself; else the package root found
    /// from the executable's own location (`.build/release/wegweiser` is two or three folders
    /// below it): a folder above the executable counts only if it holds `Package.swift`, so an
    /// installed binary (`/usr/local/bin`) never reads from `/usr` or `/`.
    /// Never a parent of the working directory: anyone who can write to one could plant a
    /// `Notifications/` there and have their templates mailed to participants.
    public static func locate(
        explicit: String?, workingDirectory: String = FileManager.default.currentDirectoryPath,
        executable: URL = ResourceDirectory.executable
    ) throws -> ResourceDirectory {
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard holdsResources(url) else { throw MissingResources(searched: [url.path]) }
            return ResourceDirectory(root: url)
        }
        var candidates = [URL(fileURLWithPath: workingDirectory).standardizedFileURL]
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent().standardizedFileURL
        for _ in 0..<4 {
            candidates.append(folder)
            folder.deleteLastPathComponent()
        }
        let isPackage = { (url: URL) in FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) }
        for (index, candidate) in candidates.enumerated() where holdsResources(candidate) && (index == 0 || isPackage(candidate)) {
            return ResourceDirectory(root: candidate)
        }
        throw MissingResources(searched: candidates.map(\.path))
    }

    /// This process's executable: `/proc/self/exe` names it whatever the working directory or
    /// `PATH` was; elsewhere the first argument.
    public static var executable: URL {
        let link = URL(fileURLWithPath: "/proc/self/exe")
        if FileManager.default.fileExists(atPath: link.path) { return link.resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
    }

    private static func holdsResources(_ url: URL) -> Bool {
        ["Calendars", "Notifications"].allSatisfy { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }
}

/// No resource directory was found.
public struct MissingResources: Error, CustomStringConvertible {
    public let searched: [String]
    public var description: String {
        "no directory with Calendars/ and Notifications/ found (looked in \(searched.joined(separator: ", "))); pass --resources DIR"
    }
}
