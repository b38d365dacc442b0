import Foundation
import Testing

/// Runs the built `support-intake` executable.
enum CLI {
    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// Standard output split into lines, without the empty last one.
        var outputLines: [String] { standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    /// The executable next to the test bundle (same build directory), else `.build/debug`.
    static var executable: String? {
        var candidates: [String] = []
        if let me = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var folder = URL(fileURLWithPath: me).deletingLastPathComponent()
            // The test binary may sit inside `….xctest` bundles on some layouts.
            for _ in 0..<3 {
                candidates.append(folder.appendingPathComponent("support-intake").path)
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(PackagePaths.root + "/.build/debug/support-intake")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the executable with arguments and an environment (nothing inherited but PATH), waiting
    /// at most `timeout` seconds.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                    timeout: TimeInterval = 60) throws -> Result {
        let path = try #require(executable, "support-intake is not built; run swift build first")
        let directory = try TemporaryDirectory()
        let outPath = directory.path + "/stdout", errPath = directory.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        base.merge(environment) { $1 }
        process.environment = base
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        if let stdin {
            let input = try directory.write("stdin", stdin)
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: input))
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()  // our own child, by its PID
            process.waitUntilExit()
            Issue.record("support-intake \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

/// The documented shape of `classify --json`.
enum ClassifyOutput {
    /// Exactly these keys, in every object of a parsed file.
    static let keys: Set<String> = [
        "file", "message_id", "from", "subject", "text", "attachments", "automated", "automated_reason",
    ]

    /// Checks the classification fields of one object.
    static func checkClassification(_ object: [String: Any], priority: String, plan: String, target: Int) {}
}
