import Foundation
import Logging
import MailCore
import MailTransport
@testable import Intake
import Testing
import TicketStore

/// The running mail bed (`deploy/dev/mailenv start`: real Dovecot and Postfix on loopback), read
/// from `$MAILENV_DIR/env` (default `<repo>/.mailenv/env`). nil when it is not running: the bed
/// suites are then skipped with a message saying how to start it. CI starts it before the tests.
struct DaemonBed: Sendable {
    let values: [String: String]
    static let current: DaemonBed? = load()
    static let skipMessage: Comment = "mail bed not running: start it with `deploy/dev/mailenv start` (CI always does)"

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The bed's env values, read (and its IMAPS port probed) by ``TestBed``.
    private static func load() -> DaemonBed? {
        TestBed.current.map { DaemonBed(values: $0.values) }
    }

    func value(_ key: String) -> String { values[key] ?? "" }

    /// A configuration reading `folder` of support@ over IMAPS and submitting over SMTP (STARTTLS).
    func configuration(folder: String, storePath: String, smtpPort: String? = nil) -> SupportIntakeConfiguration {
        let folderPath = folder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? folder
        var configuration = SupportIntakeConfiguration(
            imap: .init(url: "imaps://127.0.0.1:\(value("IMAPS_PORT"))/\(folderPath)", username: value("SUPPORT_USER"),
                        password: value("SUPPORT_PASSWORD"), caFile: value("MAILENV_CA"), connectTimeoutSeconds: 10,
                        stallTimeoutSeconds: 30),
            smtp: .init(url: "smtp://127.0.0.1:\(smtpPort ?? value("SMTP_PORT"))", username: value("SUPPORT_USER"),
                        password: value("SUPPORT_PASSWORD"), caFile: value("MAILENV_CA"), connectTimeoutSeconds: 5,
                        stallTimeoutSeconds: 30),
            from: EmailAddress(name: "Suporte", address: value("SUPPORT_USER")))
        configuration.storePath = storePath
        configuration.intake.firstStart = .all
        configuration.intake.after = .none
        configuration.intake.ackCapCount = 1000
        configuration.plans.customers = [.init(match: "@acme.test", plan: .pro)]
        return configuration
    }

    /// A daemon on the real transport, with the given clock (a manual clock lets SLA tests move time).
    func daemon(_ configuration: SupportIntakeConfiguration, store: TicketStore, clock: any DaemonClock = SystemDaemonClock(),
                log: LogRecorder) throws -> IntakeDaemon {
        let imap = try configuration.imap.imapEndpoint()
        let smtp = try configuration.smtp.smtpEndpoint()
        let transportLogger = Logger(label: "bed-transport") { _ in SwiftLogNoOpLogHandler() }
        return try IntakeDaemon(
            configuration: configuration,
            dependencies: DaemonDependencies(store: store, connectMailbox: { CurlIMAPClient(endpoint: imap, logger: transportLogger) },
                                             connectSender: { CurlSMTPSender(endpoint: smtp, logger: transportLogger) }, clock: clock),
            logger: log.logger)
    }

    /// Runs `deploy/dev/mailenv ARGS…` with `input` on stdin; returns stdout.
    @discardableResult
    func mailenv(_ arguments: [String], input: [UInt8] = []) throws -> String {
        let process = Process()
        process.executableURL = Self.repositoryRoot.appendingPathComponent("deploy/dev/mailenv")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if environment["MAILENV_DIR"] == nil { environment["MAILENV_DIR"] = Self.repositoryRoot.appendingPathComponent(".mailenv").path }
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BedError("mailenv \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Stores `raw` in support@'s `folder` (INTERNALDATE = now), as the MTA would.
    func deliverToSupport(_ raw: [UInt8], folder: String) throws {
        try mailenv(["deliver", value("SUPPORT_USER"), folder], input: raw)
    }

    /// Every message in `user`'s INBOX whose subject contains `token`, parsed.
    func inbox(of user: String, containing token: String) async throws -> [(raw: [UInt8], message: Message)] {
        let endpoint = try IMAPEndpoint(url: "imaps://127.0.0.1:\(value("IMAPS_PORT"))/INBOX", username: user,
                                        credential: .password(value("CUSTOMER_PASSWORD")), caFile: value("MAILENV_CA"),
                                        connectTimeout: .seconds(10), stallTimeout: .seconds(30))
        let client = CurlIMAPClient(endpoint: endpoint, logger: Logger(label: "bed-reader") { _ in SwiftLogNoOpLogHandler() })
        let fetched: [FetchedMessage]
        do {
            let status = try await client.status()
            let uids = try await client.uids(after: UID(0), expecting: status.uidValidity)
            fetched = uids.isEmpty ? [] : try await client.fetch(uids, expecting: status.uidValidity, maxBytes: 10 << 20)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        return try fetched.compactMap { mail in
            let message = try MessageParser().parse(mail.raw)
            return message.subject.contains(token) ? (mail.raw, message) : nil
        }
    }

    /// Waits (bounded) until `condition` holds, checking every 250 ms for up to `seconds`.
    func eventually(seconds: Double = 20, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await condition()
    }
}

struct BedError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
