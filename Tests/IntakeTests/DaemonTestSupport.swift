import Foundation
import Logging
import MailCore
import MailTransport
import Synchronization
@testable import Intake
import TicketStore

/// A mailbox in memory with IMAP's rules: UIDs ascend, UIDVALIDITY can change, fetch never sets
/// \Seen, oversize messages come back without bytes, and failures can be scripted.
final class FakeMailbox: MailboxClient, Sendable {
    struct Stored: Sendable {
        var uid: UID
        var internalDate: Date
        var raw: [UInt8]
        var flags: Set<String> = []
    }
    private struct State {
        var validity = UIDValidity(1000)
        var nextUID: UInt32 = 1
        var messages: [Stored] = []
        var failures: [TransportError] = []
        var moved: [(UID, MailboxName)] = []
        var fetchCalls = 0
    }
    private let state = Mutex(State())

    @discardableResult
    func deliver(_ raw: [UInt8], at date: Date) -> UID {
        state.withLock { state in
            let uid = UID(state.nextUID)
            state.nextUID += 1
            state.messages.append(Stored(uid: uid, internalDate: date, raw: raw))
            return uid
        }
    }

    /// Renumbers every message under a new UIDVALIDITY (as after a server rebuild).
    func changeValidity(to validity: UIDValidity) {
        state.withLock { state in
            state.validity = validity
            state.nextUID = 1
            for index in state.messages.indices {
                state.messages[index].uid = UID(state.nextUID)
                state.nextUID += 1
            }
        }
    }

    func failNext(_ error: TransportError) { state.withLock { $0.failures.append(error) } }
    func flags(of uid: UID) -> Set<String> { state.withLock { $0.messages.first { $0.uid == uid }?.flags ?? [] } }
    var moved: [(UID, MailboxName)] { state.withLock { $0.moved } }
    var fetchCalls: Int { state.withLock { $0.fetchCalls } }

    private func scriptedFailure() -> TransportError? {
        state.withLock { $0.failures.isEmpty ? nil : $0.failures.removeFirst() }
    }

    func status() async throws(TransportError) -> MailboxStatus {
        if let error = scriptedFailure() { throw error }
        return state.withLock { MailboxStatus(mailbox: .inbox, uidValidity: $0.validity, uidNext: UID($0.nextUID), messageCount: $0.messages.count) }
    }

    func uids(after cursor: UID, expecting validity: UIDValidity) async throws(TransportError) -> [UID] {
        if let error = scriptedFailure() { throw error }
        let result: Result<[UID], TransportError> = state.withLock { state in
            guard state.validity == validity else { return .failure(TransportError(.uidValidityChanged, "changed")) }
            return .success(state.messages.map(\.uid).filter { $0 > cursor })
        }
        return try result.get()
    }

    func fetch(_ uids: [UID], expecting validity: UIDValidity, maxBytes: Int) async throws(TransportError) -> [FetchedMessage] {
        if let error = scriptedFailure() { throw error }
        let result: Result<[FetchedMessage], TransportError> = state.withLock { state in
            state.fetchCalls += 1
            guard state.validity == validity else { return .failure(TransportError(.uidValidityChanged, "changed")) }
            return .success(state.messages.filter { uids.contains($0.uid) }.map {
                FetchedMessage(uid: $0.uid, internalDate: $0.internalDate, size: $0.raw.count, raw: $0.raw.count > maxBytes ? [] : $0.raw)
            })
        }
        return try result.get()
    }

    func addFlag(_ flag: String, to uid: UID, expecting validity: UIDValidity) async throws(TransportError) {
        state.withLock { state in
            if let index = state.messages.firstIndex(where: { $0.uid == uid }) { state.messages[index].flags.insert(flag) }
        }
    }

    func move(_ uid: UID, to folder: MailboxName, expecting validity: UIDValidity) async throws(TransportError) {
        state.withLock { state in
            state.messages.removeAll { $0.uid == uid }
            state.moved.append((uid, folder))
        }
    }

    func waitForChange(timeout: Duration) async throws(TransportError) -> Bool { false }
    func close() async {}
}

/// An MTA in memory: records what was accepted; scripted replies fail the next submissions.
final class FakeSender: MailSender, Sendable {
    struct Sent: Sendable {
        var raw: [UInt8]
        var envelope: Envelope
        var text: String { String(decoding: raw, as: UTF8.self) }
    }
    private struct State {
        var sent: [Sent] = []
        var failures: [TransportError] = []
        var attempts = 0
    }
    private let state = Mutex(State())

    var sent: [Sent] { state.withLock { $0.sent } }
    var attempts: Int { state.withLock { $0.attempts } }
    func failNext(_ error: TransportError, times: Int = 1) {
        state.withLock { $0.failures += Array(repeating: error, count: times) }
    }

    func send(_ message: [UInt8], envelope: Envelope) async throws(TransportError) -> SendResult {
        let failure: TransportError? = state.withLock { state in
            state.attempts += 1
            if !state.failures.isEmpty { return state.failures.removeFirst() }
            state.sent.append(Sent(raw: message, envelope: envelope))
            return nil
        }
        if let failure { throw failure }
        return SendResult(replyCode: 250, recipients: Dictionary(uniqueKeysWithValues: envelope.recipients.map { ($0, .accepted) }))
    }

    func close() async {}
}

/// A clock the test moves by hand.
final class ManualClock: DaemonClock, Sendable {
    private let current: Mutex<Date>
    init(_ start: Date) { current = Mutex(start) }
    func now() -> Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    func sleep(for duration: Duration) async throws {
        advance(by: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        await Task.yield()
        try Task.checkCancellation()
    }
}

/// Keeps every log record so tests can assert on the operator's events.
final class LogRecorder: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }
    private let records = Mutex<[Record]>([])
    func append(_ record: Record) { records.withLock { $0.append(record) } }
    var all: [Record] { records.withLock { $0 } }
    func events(_ name: String) -> [Record] { all.filter { $0.message == name } }

    var logger: Logger {
        Logger(label: "test") { _ in RecordingLogHandler(recorder: self) }
    }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        var merged = metadata
        merged.merge(event.metadata ?? [:]) { $1 }
        recorder.append(.init(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
    }
}

/// One daemon over a temporary store, a fake mailbox and a fake MTA, with a manual clock.
struct DaemonHarness {
    let directory: URL
    let store: TicketStore
    let mailbox = FakeMailbox()
    let sender = FakeSender()
    let clock: ManualClock
    let log = LogRecorder()
    var configuration: SupportIntakeConfiguration
    let daemon: IntakeDaemon

    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    init(_ adjust: (inout SupportIntakeConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("intake-\(UUID().uuidString)")
        var configuration = SupportIntakeConfiguration(
            imap: .init(url: "imap://127.0.0.1:1143/INBOX", username: "support"),
            smtp: .init(url: "smtp://127.0.0.1:1025", username: "support"),
            from: EmailAddress(name: "Suporte", address: "support@example.test"))
        configuration.storePath = directory.appendingPathComponent("state/tickets.sqlite").path
        configuration.intake.firstStart = .all
        configuration.plans.customers = [.init(match: "@acme.test", plan: .pro), .init(match: "vip@other.test", plan: .business)]
        configuration.agents = ["agent@example.test"]
        adjust(&configuration)
        self.configuration = configuration
        clock = ManualClock(Self.start)
        store = try TicketStore(path: configuration.storePath)
        let mailbox = mailbox
        daemon = try IntakeDaemon(
            configuration: configuration,
            dependencies: DaemonDependencies(store: store, connectMailbox: { mailbox }, connectSender: { [sender] in sender }, clock: clock),
            logger: log.logger)
    }

    /// Delivers a mail received `ago` seconds before the clock's now.
    @discardableResult
    func deliver(_ raw: [UInt8], ago: TimeInterval = 0) -> UID {
        mailbox.deliver(raw, at: clock.now().addingTimeInterval(-ago))
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Builds a raw RFC 5322 mail with CRLF line ends.
func mail(from: String = "Ana Souza <ana@acme.test>", to: String = "support@example.test", subject: String,
          body: String, messageID: String? = "\(UUID().uuidString)@acme.test", headers: [String] = []) -> [UInt8] {
    var lines = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Tue, 24 Nov 2026 10:00:00 +0000"]
    if let messageID { lines.append("Message-ID: <\(messageID)>") }
    lines += headers
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", body]
    return Array(lines.joined(separator: "\r\n").utf8) + Array("\r\n".utf8)
}

extension FakeSender.Sent {
    /// The value of a header in the sent mail (unfolded), nil when absent.
    func header(_ name: String) -> String? {
        let text = self.text.replacingOccurrences(of: "\r\n", with: "\n")
        let head = text.components(separatedBy: "\n\n").first ?? ""
        var fields: [(String, String)] = []
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return fields.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}
