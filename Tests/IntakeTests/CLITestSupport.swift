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

    /// A started child and where its output goes.
    private struct Launch {
        var process: Process
        var directory: TemporaryDirectory
        var outPath: String
        var errPath: String

        var result: Result {
            Result(
                status: process.terminationStatus,
                standardOutput: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                standardError: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
        }
    }

    /// Starts the executable with arguments and an environment (nothing inherited but PATH).
    /// `binary` replaces the built executable (a copy placed elsewhere).
    private static func launch(_ arguments: [String], environment: [String: String], stdin: String?, binary: String? = nil,
                               onExit: (@Sendable () -> Void)? = nil) throws -> Launch {
        let path = try #require(binary ?? executable, "support-intake is not built; run swift build first")
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
        if let onExit { process.terminationHandler = { _ in onExit() } }
        try process.run()
        return Launch(process: process, directory: directory, outPath: outPath, errPath: errPath)
    }

    /// Ends a child that outlived its time (our own child, by its PID) and records the failure.
    private static func expire(_ process: Process, _ arguments: [String], after timeout: TimeInterval) {
        guard process.isRunning else { return }
        Issue.record("support-intake \(arguments.joined(separator: " ")) did not finish within \(timeout) s")
        process.terminate()
    }

    /// Runs the executable and waits at most `timeout` seconds. The wait is a termination handler:
    /// the test's thread goes back to Swift's cooperative pool while the child runs (prefer this one).
    /// `binary`: another copy of the executable to run instead of the built one.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, binary: String? = nil,
                    timeout: TimeInterval = 60) async throws -> Result {
        let finished = AsyncStream<Void>.makeStream()
        let launched = try launch(arguments, environment: environment, stdin: stdin, binary: binary) { finished.continuation.finish() }
        let process = launched.process
        let deadline = Task {
            try await Task.sleep(for: .seconds(timeout))
            expire(process, arguments, after: timeout)
        }
        for await _ in finished.stream {}
        deadline.cancel()
        process.waitUntilExit()  // returns at once: the process has ended
        return launched.result
    }

    /// The same, for synchronous tests: blocks the calling thread until the child ends.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
                    timeout: TimeInterval = 60) throws -> Result {
        let launched = try launch(arguments, environment: environment, stdin: stdin)
        let process = launched.process
        let deadline = DispatchWorkItem { expire(process, arguments, after: timeout) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: deadline)
        process.waitUntilExit()
        deadline.cancel()
        return launched.result
    }
}

/// The documented shape of `classify --json`.
enum ClassifyOutput {
    /// Exactly these keys, in every object of a parsed file.
    static let keys: Set<String> = [
        "file", "message_id", "from", "subject", "text", "attachments", "automated", "automated_reason",
        "priority", "reasons", "plan", "response_target_seconds",
    ]

    /// Checks the classification fields of one object.
    static func checkClassification(_ object: [String: Any], priority: String, plan: String, target: Int) {
        #expect(object["priority"] as? String == priority)
        let reasons = object["reasons"] as? [String]
        #expect(reasons?.isEmpty == false, "a classification always says why")
        #expect(object["plan"] as? String == plan)
        #expect(object["response_target_seconds"] as? Int == target)
    }
}

/// The running mail test bed (`deploy/dev/mailenv start`), from `$MAILENV_DIR/env` or
/// `<repo>/.mailenv/env`; nil when it is not running (the bed suites are then skipped; CI runs it).
struct TestBed: Sendable {
    let values: [String: String]

    static let current: TestBed? = {
        let directory = ProcessInfo.processInfo.environment["MAILENV_DIR"] ?? PackagePaths.root + "/.mailenv"
        guard let text = try? String(contentsOfFile: directory + "/env", encoding: .utf8) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        // The env file outlives a stopped bed: require the IMAPS port to answer.
        guard let port = values["IMAPS_PORT"].flatMap(Int.init), canConnect(port: port) else { return nil }
        return TestBed(values: values)
    }()

    subscript(_ key: String) -> String { values[key] ?? "" }

    /// A configuration for the bed's support account, with the given changes to the default text.
    func configuration(imapURL: String? = nil, smtpURL: String? = nil, imapPassword: String? = nil,
                       caFile: String? = nil) -> String {
        """
        imap:
          url: \(imapURL ?? self["IMAPS_URL"])
          username: \(self["SUPPORT_USER"])
          password: \(imapPassword ?? self["SUPPORT_PASSWORD"])
          ca_file: \(caFile ?? self["MAILENV_CA"])
          connect_timeout_seconds: 5
          stall_timeout_seconds: 10
        smtp:
          url: \(smtpURL ?? self["SMTP_URL"])
          username: \(self["SUPPORT_USER"])
          password: \(self["SUPPORT_PASSWORD"])
          ca_file: \(caFile ?? self["MAILENV_CA"])
          connect_timeout_seconds: 5
          stall_timeout_seconds: 10
          from: "Suporte <\(self["SUPPORT_USER"])>"

        """
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
