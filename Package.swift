// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Wegweiser",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wegweiser", targets: ["wegweiser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        // Pure domain: types, validation, eligibility, sessions, allocation. Foundation only.
        .target(name: "SchedulingCore"),
        // RFC 5545: reading holiday calendars (writing comes with notifications).
        .target(name: "ICalendar", dependencies: ["SchedulingCore"]),
        // The one SQLite database: schema, migrations, records, queries.
        .target(
            name: "Store",
            dependencies: [
                "SchedulingCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The booking loop: the only writer of bookings.
        .target(
            name: "BookingEngine",
            dependencies: [
                "SchedulingCore", "Store",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // libcurl, for SMTP: a module map and typed wrappers for the variadic setopt.
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // MIME composition (pure) and the curl SMTP transport.
        .target(name: "SMTPClient", dependencies: ["CCurl"]),
        // Mail: templates of Notifications/ rendered per kind and language.
        .target(
            name: "Notifier",
            dependencies: [
                "SchedulingCore", "ICalendar", "Store", "SMTPClient",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Configuration and wiring: resources, sample loading, import.
        .target(
            name: "WegweiserApp",
            dependencies: ["SchedulingCore", "ICalendar", "Store", "BookingEngine", "SMTPClient", "Notifier"]
        ),
        .executableTarget(
            name: "wegweiser",
            dependencies: [
                "SchedulingCore", "Store", "WegweiserApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SchedulingCoreTests", dependencies: ["SchedulingCore"]),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar"], exclude: ["Fixtures"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "BookingEngineTests", dependencies: ["BookingEngine"]),
        .testTarget(name: "NotifierTests", dependencies: ["Notifier", "BookingEngine"]),
        .testTarget(name: "SMTPClientTests", dependencies: ["SMTPClient"], exclude: ["Fixtures"]),
        .testTarget(name: "WegweiserAppTests", dependencies: ["WegweiserApp", "wegweiser"]),
    ],
    swiftLanguageModes: [.v6]
)
