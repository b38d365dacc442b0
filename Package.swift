// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "support-intake",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "support-intake", targets: ["support-intake"]),
        .library(name: "MailCore", targets: ["MailCore"]),
        .library(name: "Tickets", targets: ["Tickets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML", "Reloading"]),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // libcurl, with typed static-inline wrappers for its variadic setopt/getinfo.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // RFC 5322 / MIME model, parser and writer. Pure, no I/O.
        .target(name: "MailCore"),
        // The one place that owns curl handles: IMAP and SMTP sessions.
        .target(
            name: "MailTransport",
            dependencies: [
                "CCurl", "MailCore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Domain: priorities, plans, targets, classifier, threading rules, templates.
        .target(
            name: "Tickets",
            dependencies: [
                "MailCore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources")]
        ),
        // The SQLite store (GRDB).
        .target(
            name: "TicketStore",
            dependencies: ["Tickets", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The daemon's services and configuration.
        .target(
            name: "Intake",
            dependencies: [
                "MailCore", "MailTransport", "Tickets", "TicketStore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // SIGHUP for reloading (re-exported by ServiceLifecycle, declared because we import it).
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                // The configuration file's own YAML snapshot (lists of mappings, line numbers).
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "support-intake",
            dependencies: [
                "Intake", "MailCore", "MailTransport", "Tickets", "TicketStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "MailCoreTests", dependencies: ["MailCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MailTransportTests", dependencies: ["MailTransport", "MailCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TicketsTests", dependencies: ["Tickets", "MailCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TicketStoreTests", dependencies: ["TicketStore", "Tickets"]),
        .testTarget(
            name: "IntakeTests",
            dependencies: ["Intake", "MailTransport", "MailCore", "Tickets", "TicketStore"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
