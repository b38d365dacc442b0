// swift-tools-version: 6.1
// A release-build throughput harness for the Tickets classifier, outside the main package so that
// timings never run as tests. Run: cd Benchmarks/ClassifierBench && swift run -c release
import Foundation
import PackageDescription

// A path dependency's identity is its directory's name (the checkout may be called anything).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "classifier-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: root.path)],
    targets: [
        // What both executables share (the deterministic generator).
        .target(name: "BenchSupport"),
        .executableTarget(
            name: "ClassifierBench",
            dependencies: ["BenchSupport", .product(name: "Tickets", package: root.lastPathComponent)]
        ),
        // Full-output comparison: everything the classifier says about the sample mails and
        // thousands of generated texts, one line each, to `diff` between two builds.
        .executableTarget(
            name: "ClassifierCompare",
            dependencies: [
                "BenchSupport",
                .product(name: "Tickets", package: root.lastPathComponent),
                .product(name: "MailCore", package: root.lastPathComponent),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
