import Foundation
import MailCore
import MailTransport
import Synchronization
import Testing
@testable import Intake
import Tickets
import TicketStore

/// Records what the daemon tells the service manager.
final class RecordingNotifier: ServiceStateNotifier, Sendable {
    private let calls = Mutex<[String]>([])
    var all: [String] { calls.withLock { $0 } }
    func ready() { calls.withLock { $0.append("READY=1") } }
    func status(_ text: String) { calls.withLock { $0.append("STATUS=\(text)") } }
    func watchdog() { calls.withLock { $0.append("WATCHDOG=1") } }
    func stopping() { calls.withLock { $0.append("STOPPING=1") } }
    var watchdogInterval: Duration? { .seconds(5) }
}

@Suite("Daemon service loops")
struct DaemonServiceLoopTests {
    @Test func pollerReconnectsWithOneLinePerStateChangeAndSignalsReadyOnce() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let notifier = RecordingNotifier()
        let mailbox = h.mailbox
        let daemon = try IntakeDaemon(
            configuration: h.configuration,
            dependencies: DaemonDependencies(store: h.store, connectMailbox: { mailbox }, connectSender: { [sender = h.sender] in sender },
                                             clock: h.clock, notifier: notifier),
            logger: h.log.logger)
        for _ in 0..<3 { mailbox.failNext(TransportError(.connectionFailed, "refused")) }
        h.deliver(mail(subject: "Olá", body: "Olá"))
        let poller = daemon.makePoller()
        let task = Task { try await poller.run() }
        let done = await waitUntil { (try? h.store.listTickets().count) == 1 }
        task.cancel()
        _ = try? await task.value
        #expect(done)
        #expect(h.log.events("imap_reconnect").count == 1, "three failures, one state change")
        #expect(h.log.events("imap_connected").count == 1)
        #expect(notifier.all.filter { $0 == "READY=1" }.count == 1)
        #expect(notifier.all.contains { $0.hasPrefix("STATUS=open tickets: 1") })
        // The backoff waited on the (manual) clock: 1 s, 2 s, 4 s nominal, with jitter ≥ half.
        #expect(h.clock.now().timeIntervalSince(DaemonHarness.start) >= 3.5)
    }

    /// `tickets resolve` runs in its own process: it queues the survey in the shared store and rings
    /// nothing. While idle, the acknowledger looks at the outbox at least every second (its waits are
    /// recorded on a clock that does not move), so the survey leaves then, not at the 30-second timer.
    @Test func anIdleAcknowledgerFindsASurveyQueuedByAnotherProcess() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Site fora do ar", body: "Olá, o site não abre desde as 9h.", messageID: "q1@acme.test"))
        try await h.daemon.runOnce()
        let id = try #require(try h.store.listTickets().first?.ticket.id)
        #expect(h.sender.sent.count == 1, "the acknowledgement")
        let clock = StillClock(h.clock.now())
        let acknowledger = Acknowledger(store: h.store, connectSender: { [sender = h.sender] in sender },
                                        settings: h.daemon.settings, clock: clock, logger: h.log.logger,
                                        doorbell: Doorbell(), health: SMTPHealth())
        let task = Task { try await acknowledger.run() }
        let idled = await waitUntil { clock.waits.count >= 5 }
        _ = try SurveyLifecycleTests.resolver(h).resolve(id, comment: nil, now: clock.now())
        let sent = await waitUntil { h.sender.sent.count == 2 }
        task.cancel()
        _ = try? await task.value
        #expect(idled && sent)
        #expect(try h.store.outboxItems(ticketID: id).contains { $0.kind == .survey && $0.status == .sent })
        let longest = clock.waits.max() ?? .zero
        #expect(longest <= .seconds(1), "an idle wait of \(longest) would leave the survey waiting that long")
    }

    @Test func statusReporterPingsTheWatchdog() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let notifier = RecordingNotifier()
        let reporter = StatusReporter(store: h.store, notifier: notifier, state: DaemonState(), clock: h.clock)
        let task = Task { try await reporter.run() }
        let pinged = await waitUntil { notifier.all.filter { $0 == "WATCHDOG=1" }.count >= 2 }
        task.cancel()
        _ = try? await task.value
        #expect(pinged)
        #expect(notifier.all.contains("STATUS=open tickets: 0; last poll: never"))
    }

    @Test func reloadSwapsTemplatesWithoutRestart() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let templates = h.directory.appendingPathComponent("templates/pt")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "{{% CONTENT_TYPE: TEXT}}\nCHAMADO {{ticket_tag}} PRAZO {{target_words}}\n"
            .write(to: templates.appendingPathComponent("ack.txt.mustache"), atomically: true, encoding: .utf8)
        var next = h.configuration
        next.templates.directory = h.directory.appendingPathComponent("templates").path
        let mailbox = h.mailbox
        let daemon = try IntakeDaemon(
            configuration: h.configuration,
            dependencies: DaemonDependencies(store: h.store, connectMailbox: { mailbox }, connectSender: { [sender = h.sender] in sender },
                                             clock: h.clock),
            logger: h.log.logger, reloadConfiguration: { [next] in next })
        #expect(await daemon.reload())
        h.deliver(mail(subject: "Pergunta", body: "Olá, tudo bem?"))
        try await daemon.runOnce()
        let ack = try #require(h.sender.sent.first)
        let text = try MessageParser().parse(ack.raw).text
        #expect(text.contains("CHAMADO [#1] PRAZO"))
        #expect(h.log.events("reloaded").count == 1)
    }

    private func waitUntil(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<400 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}

@Suite("Daemon: released quarantine hand-off")
struct DaemonQuarantineReleaseTests {
    @Test func releasedMailIsProcessedOrReturnsToQuarantine() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver([0x00, 0x01, 0x0d, 0x0a, 0x0d, 0x0a])
        try await h.daemon.runOnce()
        let broken = try #require(try h.store.quarantineList().first)
        _ = try h.store.releaseQuarantine(broken.id, at: h.clock.now())
        try await h.daemon.runOnce()
        #expect(try h.store.quarantineList().map(\.id) == [broken.id], "still unparseable: back in the quarantine")
        #expect(try h.store.releasedQuarantineAwaitingIntake().isEmpty)

        // A mail quarantined for its size is processed once an operator releases it.
        let big = mail(subject: "Anexo", body: String(repeating: "y", count: 5000))
        let location = MailLocation(mailbox: .inbox, uidValidity: UIDValidity(1000), uid: UID(50))
        let id = try h.store.recordQuarantine(location, reason: .tooLarge, detail: "over limit", raw: big, size: big.count,
                                              internalDate: h.clock.now(), at: h.clock.now())
        _ = try h.store.releaseQuarantine(id, at: h.clock.now())
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().count == 1)
        #expect(h.sender.sent.count == 1)
        #expect(h.log.events("quarantine_released").count == 1)
        #expect(try h.store.releasedQuarantineAwaitingIntake().isEmpty)

        // Released twice over (a copy of a stored mail): back in the quarantine, not retried forever.
        let copy = try h.store.recordQuarantine(MailLocation(mailbox: .inbox, uidValidity: UIDValidity(1000), uid: UID(51)),
                                                reason: .invalid, detail: "test", raw: big, size: big.count,
                                                internalDate: h.clock.now(), at: h.clock.now())
        _ = try h.store.releaseQuarantine(copy, at: h.clock.now())
        try await h.daemon.runOnce()
        #expect(try h.store.quarantineItem(copy)?.releasedAt == nil)
        #expect(try h.store.quarantineItem(copy)?.detail.hasPrefix("already stored") == true)
        #expect(try h.store.listTickets().count == 1)
    }
}

/// A clock that never moves: `sleep(for:)` records the duration asked for and returns at once.
final class StillClock: DaemonClock, Sendable {
    private let time: Date
    private let recorded = Mutex<[Duration]>([])
    init(_ time: Date) { self.time = time }
    var waits: [Duration] { recorded.withLock { $0 } }
    func now() -> Date { time }
    func sleep(for duration: Duration) async throws {
        recorded.withLock { $0.append(duration) }
        await Task.yield()
        try Task.checkCancellation()
    }
}
