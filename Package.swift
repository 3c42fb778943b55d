// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Wegweiser",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wegweiser", targets: ["wegweiser"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/vapor/multipart-kit", exact: "4.7.1"),
    ],
    targets: [
        // Pure domain: types, validation, eligibility, sessions, allocation. Foundation only.
        .target(name: "SchedulingCore"),
        // RFC 5545: reading holiday calendars (writing comes with notifications).
        .target(name: "ICalendar", dependencies: ["SchedulingCore"]),
        // QR codes (ISO/IEC 18004) for printed confirmations: the matrix and its SVG. Pure Swift.
        .target(name: "QRCode"),
        // The one SQLite database: schema, migrations, records, queries.
        .target(
            name: "Store",
            dependencies: [
                "SchedulingCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // scrypt, for staff passwords.
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The booking loop: the only writer of bookings.
        .target(
            name: "BookingEngine",
            dependencies: [
                "SchedulingCore", "Store",
                .product(name: "Logging", package: "swift-log"),
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
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The HTTP API (docs/api.md) on Hummingbird: routes, authentication, roles, problem+json.
        .target(
            name: "WebAPI",
            dependencies: [
                "SchedulingCore", "ICalendar", "Store", "BookingEngine", "Notifier",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("openapi.yaml")]
        ),
        // Import files (CSV, JSON) read and checked row by row: for `wegweiser import`, the samples
        // and the workspaces' spreadsheet uploads.
        .target(name: "Importing", dependencies: ["SchedulingCore", "Store", "WebAPI"]),
        // Server-rendered pages: the public catalogue and the staff workspaces, on the API's services.
        .target(
            name: "WebPages",
            dependencies: [
                "SchedulingCore", "Store", "BookingEngine", "WebAPI", "Notifier", "QRCode", "Importing",
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources")]
        ),
        // Configuration and wiring: resources, sample loading, import, the server's services.
        .target(
            name: "WegweiserApp",
            dependencies: [
                "SchedulingCore", "ICalendar", "Store", "BookingEngine", "SMTPClient", "Notifier", "WebAPI", "WebPages", "Importing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "wegweiser",
            dependencies: [
                "SchedulingCore", "Store", "WegweiserApp", "Importing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // What several test targets share: golden files with one record switch, held ports, the
        // aiosmtpd sink, python3.
        .target(name: "TestSupport", dependencies: ["Store"], path: "Tests/TestSupport", exclude: ["Python"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "SchedulingCoreTests", dependencies: ["SchedulingCore"]),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode", "TestSupport"], exclude: ["decode_qr.py"]),
        .testTarget(name: "BookingEngineTests", dependencies: ["BookingEngine", "TestSupport"]),
        .testTarget(
            name: "NotifierTests",
            dependencies: [
                "Notifier", "BookingEngine", "TestSupport",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "SMTPClientTests", dependencies: ["SMTPClient", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "WebAPITests",
            dependencies: [
                "WebAPI", "WebPages", "WegweiserApp", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "WebPagesTests",
            dependencies: [
                "WebPages", "WebAPI", "WegweiserApp", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(name: "WegweiserAppTests", dependencies: ["WegweiserApp", "Importing", "wegweiser", "TestSupport"], exclude: ["browser_check.py", "attendance_check.py", "link_check.py"]),
    ],
    swiftLanguageModes: [.v6]
)
