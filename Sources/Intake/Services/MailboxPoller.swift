import Foundation
import Logging
import MailCore
import MailTransport
import ServiceLifecycle
import TicketStore

/// Reads the support mailbox: on each check, the UIDs above the committed cursor are fetched in
/// batches (without `\Seen`), each mail is committed in its own transaction, and only then the
/// `intake.after` action runs on the server. Between checks it waits for IDLE/NOOP news, with a
/// catch-up check every `intake.poll_interval_seconds`. Connection failures reconnect with
/// exponential backoff and jitter, logged once per state change.
final class MailboxPoller: Service, Sendable {
    let mailbox: MailboxName
    let connect: @Sendable () -> any MailboxClient
    let store: TicketStore
    let processor: IntakeProcessor
    let intake: SupportIntakeConfiguration.Intake
    let clock: any DaemonClock
    let logger: Logger
    let doorbell: Doorbell
    let state: DaemonState
    let notifier: any ServiceStateNotifier
    let backoff = Backoff(base: .seconds(1), cap: .seconds(300))

    init(mailbox: MailboxName, connect: @escaping @Sendable () -> any MailboxClient, store: TicketStore, processor: IntakeProcessor,
         intake: SupportIntakeConfiguration.Intake, clock: any DaemonClock, logger: Logger, doorbell: Doorbell,
         state: DaemonState, notifier: any ServiceStateNotifier) {
        self.mailbox = mailbox
        self.connect = connect
        self.store = store
        self.processor = processor
        self.intake = intake
        self.clock = clock
        self.logger = logger
        self.doorbell = doorbell
        self.state = state
        self.notifier = notifier
    }

    /// Checks, waits, checks… until graceful shutdown or cancellation.
    func run() async throws {
        var client: (any MailboxClient)?
        var failures = 0
        var connected: Bool?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let current = client ?? connect()
            client = current
            if let failure = await cycle(current, connected: &connected) {
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                if connected != false {
                    logger.warning("imap_reconnect", metadata: [
                        "mail.mailbox": "\(mailbox)", "error": "\(failure)",
                    ])
                    connected = false
                }
                await current.close()
                client = nil
                let delay = backoff.delay(attempt: failures)
                failures += 1
                do {
                    try await cancelWhenGracefulShutdown { [clock] in try await clock.sleep(for: delay) }
                } catch {
                    break
                }
            } else {
                failures = 0
            }
        }
        await client?.close()
    }

    /// One check, then the wait for news (IDLE/NOOP) bounded by the catch-up interval.
    private func cycle(_ client: any MailboxClient, connected: inout Bool?) async -> IntakeFailure? {
        do {
            try await check(client)
        } catch {
            return error
        }
        if connected != true {
            logger.info("imap_connected", metadata: ["mail.mailbox": "\(mailbox)"])
            connected = true
        }
        let interval = Duration.seconds(max(1, intake.pollIntervalSeconds))
        do {
            _ = try await cancelWhenGracefulShutdown { try await client.waitForChange(timeout: interval) }
        } catch let error as TransportError {
            return .transport(error)
        } catch {
            return nil
        }
        return nil
    }

    /// One check of the mailbox: cursor, UIDVALIDITY, the backlog in batches. Returns how many
    /// mails were handled. Stops between mails on graceful shutdown (the mail in hand is finished).
    @discardableResult
    func check(_ client: any MailboxClient) async throws(IntakeFailure) -> Int {
        let status: MailboxStatus
        do { status = try await client.status() } catch { throw .transport(error) }
        let now = clock.now()
        let backfillBound = now.addingTimeInterval(-TimeInterval(intake.backfillAckMaxAgeSeconds))
        var cursor: MailboxCursor
        do {
            if let existing = try store.cursor(for: mailbox) {
                cursor = existing
                if existing.uidValidity != status.uidValidity {
                    logger.warning("uidvalidity_changed", metadata: [
                        "mail.mailbox": "\(mailbox)",
                        "imap.uidvalidity_old": "\(existing.uidValidity)", "imap.uidvalidity": "\(status.uidValidity)",
                    ])
                    try store.resetCursor(mailbox, uidValidity: status.uidValidity, lastUID: UID(0),
                                          acknowledgeOnlyAfter: backfillBound, at: now)
                    cursor = MailboxCursor(mailbox: mailbox, uidValidity: status.uidValidity, lastUID: UID(0),
                                           acknowledgeOnlyAfter: backfillBound, updatedAt: now)
                }
            } else {
                let start: UID
                let bound: Date?
                switch intake.firstStart {
                case .new:
                    start = UID(status.uidNext.rawValue > 0 ? status.uidNext.rawValue - 1 : 0)
                    bound = nil
                case .all:
                    start = UID(0)
                    bound = backfillBound
                }
                try store.resetCursor(mailbox, uidValidity: status.uidValidity, lastUID: start, acknowledgeOnlyAfter: bound, at: now)
                logger.notice("first_start", metadata: [
                    "mail.mailbox": "\(mailbox)", "intake.first_start": "\(intake.firstStart.rawValue)",
                    "imap.uidvalidity": "\(status.uidValidity)", "imap.start_after_uid": "\(start)",
                ])
                cursor = MailboxCursor(mailbox: mailbox, uidValidity: status.uidValidity, lastUID: start, acknowledgeOnlyAfter: bound, updatedAt: now)
            }
        } catch {
            throw .store(error)
        }

        let uids: [UID]
        do { uids = try await client.uids(after: cursor.lastUID, expecting: cursor.uidValidity) } catch { throw .transport(error) }
        var handled = 0
        let batchSize = max(1, intake.batchSize)
        var index = 0
        while index < uids.count {
            if Task.isShuttingDownGracefully { break }
            let chunk = Array(uids[index..<min(index + batchSize, uids.count)])
            index += batchSize
            let fetched: [FetchedMessage]
            do {
                fetched = try await client.fetch(chunk, expecting: cursor.uidValidity, maxBytes: intake.maxMessageBytes)
            } catch {
                throw .transport(error)
            }
            var interrupted = false
            for mail in fetched.sorted(by: { $0.uid < $1.uid }) where mail.uid > cursor.lastUID {
                if Task.isShuttingDownGracefully { interrupted = true; break }
                let location = MailLocation(mailbox: mailbox, uidValidity: cursor.uidValidity, uid: mail.uid)
                let result: IntakeProcessor.Result
                do {
                    result = try processor.process(mail, location: location, acknowledgeOnlyAfter: cursor.acknowledgeOnlyAfter)
                } catch {
                    throw .store(error)
                }
                handled += 1
                if case .stored(_, true) = result { doorbell.ring() }
                if case .quarantined(_, true) = result { continue }
                await applyAfterAction(client, location)
            }
            if interrupted { break }
            if let last = chunk.last, !fetched.contains(where: { $0.uid == last }) {
                do {
                    try store.advanceCursor(past: MailLocation(mailbox: mailbox, uidValidity: cursor.uidValidity, uid: last), at: clock.now())
                } catch {
                    throw .store(error)
                }
            }
        }
        handled += processReleasedQuarantine()
        if state.recordPoll(at: clock.now()) {
            notifier.ready()
            logger.info("mailbox_ready", metadata: ["mail.mailbox": "\(mailbox)"])
        }
        let open = (try? store.openTicketCount()) ?? 0
        notifier.status("open tickets: \(open); last poll: \(ISO8601DateFormatter().string(from: clock.now()))")
        return handled
    }

    /// Processes the mails an operator released from the quarantine (`quarantine release`) as if
    /// just fetched, with the size limit lifted to their stored size (the operator chose to take
    /// them). One that fails again is back in the quarantine with the new reason; one already stored
    /// (a duplicate) returns there with that detail, so nothing is retried forever or lost.
    func processReleasedQuarantine() -> Int {
        let items: [QuarantineItem]
        do {
            items = try store.releasedQuarantineAwaitingIntake(limit: 50)
        } catch {
            logger.error("store_error", metadata: ["error": "\(error)"])
            return 0
        }
        var handled = 0
        for item in items {
            if Task.isShuttingDownGracefully { break }
            var intake = processor.intake
            intake.maxMessageBytes = max(intake.maxMessageBytes, item.raw.count)
            let released = IntakeProcessor(store: store, settings: processor.settings, intake: intake, clock: clock, logger: logger)
            let fetched = FetchedMessage(uid: item.location.uid, internalDate: item.internalDate, size: item.raw.count, raw: item.raw)
            do {
                let result = try released.process(fetched, location: item.location, acknowledgeOnlyAfter: nil)
                handled += 1
                switch result {
                case .stored(.duplicate(let ticket), _):
                    try store.returnToQuarantine(item.id, detail: "already stored\(ticket.map { " (ticket \($0.rawValue))" } ?? "")")
                case .stored(_, let queued):
                    if queued { doorbell.ring() }
                    logger.notice("quarantine_released", metadata: ["quarantine.id": "\(item.id)", "mail.uid": "\(item.location.uid)"])
                case .quarantined:
                    break
                }
            } catch {
                logger.error("store_error", metadata: ["error": "\(error)", "quarantine.id": "\(item.id)"])
            }
        }
        return handled
    }

    private func applyAfterAction(_ client: any MailboxClient, _ location: MailLocation) async {
        do {
            switch intake.after {
            case .seen: try await client.addFlag("\\Seen", to: location.uid, expecting: location.uidValidity)
            case .move(let folder): try await client.move(location.uid, to: folder, expecting: location.uidValidity)
            case .none: break
            }
        } catch {
            logger.warning("after_action_failed", metadata: [
                "mail.uid": "\(location.uid)", "error": "\(error)",
            ])
        }
    }
}
