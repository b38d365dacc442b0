// swift-tools-version: 6.1
// The benchmarks live in their own package so that the main package (and its CI) never builds
// ordo-one/benchmark and its dependencies. Run from the repository root:
//   Benchmarks/compare-parsers.sh                         (MailCore vs fast-mail-parser vs Python)
//   swift package --package-path Benchmarks benchmark     (package-benchmark suite)
import PackageDescription

let package = Package(
    name: "support-intake-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The repository root. `name:` keeps `package: "support-intake"` valid whatever the
        // checkout's folder is called (a path dependency's identity is its folder name).
        .package(name: "support-intake", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Parses a list of .eml files (read into memory first) for several timed rounds and writes
        // what it extracted as JSON Lines; driven by Scripts/compare_parsers.py.
        .executableTarget(
            name: "parse-corpus",
            dependencies: [.product(name: "MailCore", package: "support-intake")]
        ),
        // package-benchmark suite: parse throughput and classifier throughput, with malloc counts.
        .executableTarget(
            name: "MailCoreBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MailCore", package: "support-intake"),
                .product(name: "Tickets", package: "support-intake"),
            ],
            path: "Benchmarks/MailCoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
