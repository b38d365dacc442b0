import Foundation
import Logging
import MailCore
@testable import MailTransport

/// The running test bed (`deploy/dev/mailenv start`), read from `$MAILENV_DIR/env` (default
/// `<repo>/.mailenv/env`). nil when the bed is not running; integration suites are then skipped.
struct MailEnv: Sendable {
    let values: [String: String]

    static let current: MailEnv? = load()

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    private static func load() -> MailEnv? {
        let directory = ProcessInfo.processInfo.environment["MAILENV_DIR"].map { URL(fileURLWithPath: $0) }
            ?? repositoryRoot.appendingPathComponent(".mailenv")
        guard let text = try? String(contentsOf: directory.appendingPathComponent("env"), encoding: .utf8) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        let env = MailEnv(values: values)
        // The env file outlives a stopped bed: require the IMAPS port to accept connections.
        guard let port = Int(values["IMAPS_PORT"] ?? ""), Self.canConnect(port: port) else { return nil }
        return env
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0
    }

    subscript(_ key: String) -> String {
        guard let value = values[key] else { fatalError("mailenv env file lacks \(key)") }
        return value
    }

    var host: String { values["IMAP_HOST"] ?? "127.0.0.1" }
    var ca: String { self["MAILENV_CA"] }
    var supportUser: String { self["SUPPORT_USER"] }
    var supportPassword: String { self["SUPPORT_PASSWORD"] }
    var customerPassword: String { self["CUSTOMER_PASSWORD"] }

    static let logger: Logger = {
        var logger = Logger(label: "mail-transport-tests")
        logger.logLevel = .notice
        return logger
    }()

    /// An IMAPS endpoint for `user` on `mailbox`.
    func imaps(_ mailbox: MailboxName = .inbox, user: String? = nil, password: String? = nil,
               stall: Duration = .seconds(20)) throws -> IMAPEndpoint {
        try IMAPEndpoint(url: "imaps://\(host):\(self["IMAPS_PORT"])/\(IMAPEndpoint.percentEncode(mailbox.rawValue))",
                         username: user ?? supportUser, credential: .password(password ?? supportPassword),
                         caFile: ca, connectTimeout: .seconds(10), stallTimeout: stall)
    }

    /// An `imap://` (STARTTLS) endpoint.
    func imapStartTLS(_ mailbox: MailboxName = .inbox) throws -> IMAPEndpoint {
        try IMAPEndpoint(url: "imap://\(host):\(self["IMAP_PORT"])/\(IMAPEndpoint.percentEncode(mailbox.rawValue))",
                         username: supportUser, credential: .password(supportPassword),
                         caFile: ca, connectTimeout: .seconds(10), stallTimeout: .seconds(20))
    }

    func client(_ endpoint: IMAPEndpoint) -> CurlIMAPClient {
        CurlIMAPClient(endpoint: endpoint, logger: Self.logger)
    }

    /// Runs `deploy/dev/mailenv ARGS` (the bed's own script, as recorded in the env file) with
    /// `input` on stdin; returns its exit status and output.
    @discardableResult
    func mailenv(_ arguments: [String], input: [UInt8] = []) throws -> (status: Int32, output: String) {
        let script = values["MAILENV"] ?? Self.repositoryRoot.appendingPathComponent("deploy/dev/mailenv").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MAILENV_DIR"] = self["MAILENV_DIR"]
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Stores exact bytes in `user`'s `mailbox` with the bed's `deliver`.
    func deliver(_ raw: [UInt8], to user: String, mailbox: MailboxName = .inbox) throws {
        let result = try mailenv(["deliver", user, mailbox.rawValue], input: raw)
        guard result.status == 0 else { throw TestFailure("mailenv deliver failed: \(result.output)") }
    }
}

/// A failure of the test harness itself.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension MailEnv {
    /// The submission endpoint (STARTTLS + AUTH as the support user), or implicit TLS.
    func smtp(implicitTLS: Bool = false, password: String? = nil, caFile: String? = nil) throws -> SMTPEndpoint {
        let url = implicitTLS ? "smtps://\(host):\(self["SMTPS_PORT"])" : "smtp://\(host):\(self["SMTP_PORT"])"
        return try SMTPEndpoint(url: url, username: supportUser, credential: .password(password ?? supportPassword),
                                caFile: caFile ?? ca, connectTimeout: .seconds(10), stallTimeout: .seconds(20))
    }

    func sender(_ endpoint: SMTPEndpoint) -> CurlSMTPSender {
        CurlSMTPSender(endpoint: endpoint, logger: Self.logger)
    }

    /// Polls `user`'s INBOX (bounded) until a message containing `marker` arrives; returns it.
    func awaitMessage(containing marker: String, user: String, timeout: Duration = .seconds(30)) async throws -> FetchedMessage? {
        let client = client(try imaps(user: user, password: customerPassword))
        defer { Task { await client.close() } }
        let status = try await client.status()
        let deadline = ContinuousClock.now + timeout
        var cursor = UID(0)
        while ContinuousClock.now < deadline {
            let uids = try await client.uids(after: cursor, expecting: status.uidValidity)
            for message in try await client.fetch(uids, expecting: status.uidValidity, maxBytes: 1 << 22)
            where String(decoding: message.raw, as: UTF8.self).contains(marker) {
                return message
            }
            cursor = uids.last ?? cursor
            _ = try await client.waitForChange(timeout: .seconds(2))
        }
        return nil
    }
}
