import Foundation
import Logging
import MailCore
import MailTransport
import Tickets
import TicketStore

/// The operator's actions on tickets, for the CLI (`tickets resolve|reopen`, `quarantine
/// release`): each one a store transaction plus the log line, with the same rules as the daemon.
/// The survey queued by ``resolve(_:comment:)`` is sent by the running daemon's outbox pass (or by
/// `run --once`).
public struct TicketDesk: Sendable {
    /// What ``resolve(_:comment:)`` did about the survey.
    public enum SurveyDecision: Sendable, Hashable {
        /// Queued, to be sent at `notBefore` (after `satisfaction.delay`).
        case queued(notBefore: Date)
        /// The customer had a survey less than `satisfaction.min_days_between` days ago.
        case throttled(lastSurveyAt: Date)
    }

    let store: TicketStore
    let configuration: SupportIntakeConfiguration
    let clock: any DaemonClock
    let logger: Logger

    /// Creates a desk over an open store.
    public init(store: TicketStore, configuration: SupportIntakeConfiguration, clock: any DaemonClock = SystemDaemonClock(),
                logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// Marks a ticket resolved and queues its satisfaction survey in the customer's language,
    /// unless the customer had one within `satisfaction.min_days_between` days. Throws a
    /// `StoreError` for an unknown or already resolved ticket.
    @discardableResult
    public func resolve(_ id: TicketID, comment: String?) throws(StoreError) -> SurveyDecision {
        guard let ticket = try store.ticket(id: id) else { throw StoreError(.notFound, "ticket \(id) not found") }
        let now = clock.now()
        let minimum = TimeInterval(configuration.satisfaction.minDaysBetween) * 86_400
        var decision: SurveyDecision
        var survey: OutgoingMailRequest?
        if let last = try store.lastSurveyQueued(customer: ticket.customer), minimum > 0, now.timeIntervalSince(last) < minimum {
            decision = .throttled(lastSurveyAt: last)
        } else {
            let notBefore = now.addingTimeInterval(TimeInterval(max(0, configuration.satisfaction.delaySeconds)))
            let domain = configuration.from.address.split(separator: "@").last.map(String.init) ?? "localhost"
            let lastIncoming = try store.messages(ticketID: id).last { $0.direction == .incoming && $0.messageID != nil }
            survey = OutgoingMailRequest(recipient: ticket.replyAddress, recipientName: ticket.customerName,
                                         messageID: MessageID.generate(domain: domain), inReplyTo: lastIncoming?.messageID,
                                         references: lastIncoming?.messageID.map { [$0] } ?? [], language: ticket.language,
                                         notBefore: notBefore)
            decision = .queued(notBefore: notBefore)
        }
        try store.resolve(ticketID: id, comment: comment, at: now, survey: survey)
        var metadata: Logger.Metadata = ["ticket.id": "\(id.rawValue)"]
        switch decision {
        case .queued(let notBefore): metadata["survey"] = "queued"; metadata["survey.not_before"] = "\(ISO8601DateFormatter().string(from: notBefore))"
        case .throttled: metadata["survey"] = "throttled"
        }
        logger.info("ticket_resolved", metadata: metadata)
        return decision
    }

    /// Reopens a resolved ticket (an operator's decision).
    public func reopen(_ id: TicketID) throws(StoreError) {
        try store.reopen(ticketID: id, at: clock.now(), reason: "operator")
        logger.notice("ticket_reopened", metadata: ["ticket.id": "\(id.rawValue)", "reason": "operator"])
    }

    /// Releases a quarantined mail and processes it as a normal mail (new ticket, follow-up, …),
    /// with the same rules as the intake; returns what became of it, nil when it could not be
    /// processed again (it is then back in the quarantine with the new reason, never lost).
    public func releaseQuarantined(_ id: QuarantineID) throws(StoreError) -> IntakeOutcome? {
        let item = try store.releaseQuarantine(id, at: clock.now())
        let settings: IntakeSettings
        do {
            settings = try IntakeSettings.load(configuration)
        } catch {
            throw StoreError(.invalidState, "cannot load rules or templates: \(error)")
        }
        var intake = configuration.intake
        intake.maxMessageBytes = max(intake.maxMessageBytes, item.raw.count)
        let released = IntakeProcessor(store: store, settings: ReloadableSettings(settings), intake: intake, clock: clock, logger: logger)
        let result = try released.process(FetchedMessage(uid: item.location.uid, internalDate: item.internalDate, size: item.raw.count, raw: item.raw),
                                           location: item.location, acknowledgeOnlyAfter: nil)
        logger.notice("quarantine_released", metadata: ["quarantine.id": "\(id)"])
        if case .stored(let outcome, _) = result { return outcome }
        return nil
    }
}
