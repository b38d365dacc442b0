import Foundation
import Logging
import MailCore
import MailTransport
import ServiceLifecycle
import Tickets
import TicketStore

/// Sends the outbox over SMTP: acknowledgements (and surveys). The acknowledged time is when the
/// MTA accepted the mail (its 250), read from the clock right after the reply. A temporary failure
/// is retried with exponential backoff and jitter (up to `giveUpAfter`); a permanent refusal is
/// recorded and never retried. When the server is unreachable the pass stops, so the remaining
/// rows keep their attempt counts, and one line logs the state change.
final class Acknowledger: Service, Sendable {
    /// What one outbox pass did.
    struct PassReport: Sendable, Equatable {
        var sent = 0
        var retrying = 0
        var failed = 0
        var serverDown = false
    }

    let store: TicketStore
    let connectSender: @Sendable () -> any MailSender
    let settings: ReloadableSettings
    let clock: any DaemonClock
    let logger: Logger
    let doorbell: Doorbell
    let retry = Backoff(base: .seconds(30), cap: .seconds(1800))
    let giveUpAfter: TimeInterval = 5 * 86_400
    let smtpUp: SMTPHealth

    init(store: TicketStore, connectSender: @escaping @Sendable () -> any MailSender, settings: ReloadableSettings, clock: any DaemonClock, logger: Logger, doorbell: Doorbell,
         health: SMTPHealth) {
        self.smtpUp = health
        self.store = store
        self.connectSender = connectSender
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.doorbell = doorbell
    }

    /// Passes over the outbox whenever rows are due or the poller rings, until shutdown.
    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let report = await pass()
            var wait: Duration = .seconds(30)
            if let due = try? store.nextOutboxDue() {
                let seconds = due.timeIntervalSince(clock.now())
                wait = .milliseconds(Int64(min(max(seconds, 0.2), 30) * 1000))
            }
            if report.serverDown { wait = max(wait, .seconds(5)) }
            let deadline = clock.now().addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            let serverDown = report.serverDown
            await cancelWhenGracefulShutdown { [self] in await self.waitForWork(until: deadline, serverDown: serverDown) }
        }
    }

    /// How often, while idle, the outbox is checked for rows another process queued.
    static let externalCheck: TimeInterval = 1

    /// Waits until `deadline`, the doorbell, or a row that is due: the store is shared with the CLI,
    /// whose `tickets resolve` queues the survey, so the outbox itself is checked every
    /// ``externalCheck`` and the survey leaves within a second instead of at the next timer. While the
    /// server is down, only the deadline or the doorbell end the wait (the rows are due, and retrying
    /// them every second is what the back-off avoids).
    private func waitForWork(until deadline: Date, serverDown: Bool) async {
        while !Task.isCancelled {
            let left = deadline.timeIntervalSince(clock.now())
            guard left > 0 else { return }
            let step = serverDown ? left : min(left, Self.externalCheck)
            await doorbell.wait(timeout: .milliseconds(Int64((step * 1000).rounded(.up))), clock: clock)
            if serverDown { return }
            if let due = try? store.nextOutboxDue(), due <= clock.now() { return }
        }
    }

    /// Sends every row due now, oldest first. Stops early on graceful shutdown (after the mail in
    /// hand) or when the server is unreachable.
    @discardableResult
    func pass() async -> PassReport {
        var report = PassReport()
        let items: [OutboxItem]
        do {
            items = try store.nextOutboxItems(now: clock.now(), limit: 200)
        } catch {
            logger.error("store_error", metadata: ["error": "\(error)"])
            return report
        }
        guard !items.isEmpty else { return report }
        let sender = connectSender()
        for item in items {
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            let outcome = await send(item, with: sender)
            switch outcome {
            case .sent: report.sent += 1
            case .retrying: report.retrying += 1
            case .failed: report.failed += 1
            case .serverDown: report.serverDown = true
            case .skipped: break
            }
            if report.serverDown { break }
        }
        await sender.close()
        return report
    }

    private enum ItemOutcome { case sent, retrying, failed, serverDown, skipped }

    private func send(_ item: OutboxItem, with sender: any MailSender) async -> ItemOutcome {
        var logger = logger
        logger[metadataKey: "ticket.id"] = "\(item.ticketID.rawValue)"
        logger[metadataKey: "outbox.id"] = "\(item.id)"
        logger[metadataKey: "outbox.kind"] = "\(item.kind.rawValue)"
        let settings = settings.snapshot
        let ticket: StoredTicket
        do {
            guard let found = try store.ticket(id: item.ticketID) else { return .skipped }
            ticket = found
        } catch {
            logger.error("store_error", metadata: ["error": "\(error)"])
            return .skipped
        }
        let composed = OutgoingMailComposer().compose(item, ticket: ticket, settings: settings, date: clock.now())
        let envelope = Envelope(sender: settings.from.address, recipients: [item.recipient])
        do {
            let result = try await sender.send(composed.raw, envelope: envelope)
            let acceptedAt = clock.now()
            switch result.recipients[item.recipient] {
            case .rejectedPermanently(let code)?:
                return recordFailure(item, TransportError(.rejectedPermanently, "recipient refused", replyCode: code), logger)
            case .rejectedTemporarily(let code)?:
                return recordFailure(item, TransportError(.rejectedTemporarily, "recipient deferred", replyCode: code), logger)
            default:
                break
            }
            guard (200..<300).contains(result.replyCode) else {
                let code: TransportError.Code = result.replyCode >= 500 ? .rejectedPermanently : .rejectedTemporarily
                return recordFailure(item, TransportError(code, "message not accepted", replyCode: result.replyCode), logger)
            }
            smtpUp.set(true, logger: logger)
            let sent = try store.markSent(item.id, at: acceptedAt, raw: composed.raw, subject: composed.subject, smtpReply: result.replyCode)
            var metadata: Logger.Metadata = [
                "ticket.priority": "\(sent.priority.code)", "ticket.plan": "\(sent.plan.rawValue)",
                "mail.message_id": "\(item.messageID)", "outbox.attempts": "\(item.attempts + 1)",
            ]
            if item.kind == .ack, let seconds = sent.responseSeconds, let met = sent.met {
                metadata["response_s"] = "\(seconds)"
                metadata["target_s"] = "\(sent.targetSeconds)"
                metadata["sla"] = "\(met ? "met" : "breached")"
                logger.info("ack_sent", metadata: metadata)
            } else {
                logger.info("survey_sent", metadata: metadata)
            }
            return .sent
        } catch let error as TransportError {
            return recordFailure(item, error, logger)
        } catch {
            logger.error("store_error", metadata: ["error": "\(error)"])
            return .skipped
        }
    }

    private func recordFailure(_ item: OutboxItem, _ error: TransportError, _ logger: Logger) -> ItemOutcome {
        let now = clock.now()
        let serverLevel: Bool
        switch error.code {
        case .connectionFailed, .timedOut, .tlsFailure, .authenticationFailed, .configuration, .protocolError, .cancelled:
            serverLevel = true
        default: serverLevel = false
        }
        let expired = now.timeIntervalSince(item.createdAt) > giveUpAfter
        let permanent = error.code == .rejectedPermanently || expired
        if serverLevel && !expired {
            smtpUp.set(false, logger: logger, error: error)
            return .serverDown
        }
        let next = now.addingTimeInterval(Double(retry.delay(attempt: item.attempts).components.seconds) + 1)
        let text = expired ? "gave up after \(Int(giveUpAfter / 86_400)) days: \(error)" : "\(error)"
        do {
            try store.markSendFailed(item.id, error: String(text.prefix(500)), permanent: permanent, nextAttempt: next, at: now)
        } catch {
            logger.error("store_error", metadata: ["error": "\(error)"])
            return .skipped
        }
        if permanent {
            logger.error("\(item.kind == .ack ? "ack_failed" : "survey_failed")", metadata: [
                "error": "\(text)",
            ])
            return .failed
        }
        logger.warning("smtp_retry", metadata: [
            "error": "\(error)", "outbox.attempts": "\(item.attempts + 1)",
            "retry_in_s": "\(Int(next.timeIntervalSince(now)))",
        ])
        return .retrying
    }
}
