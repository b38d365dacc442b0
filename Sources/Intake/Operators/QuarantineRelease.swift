import Foundation
import Logging
import TicketStore

/// `support-intake quarantine release ID`: marks a quarantined mail released and processes it at
/// once as a normal mail, with the daemon's own intake (rules, plans, templates, threading,
/// automation checks) and in one store transaction; the acknowledgement it queues is sent by the
/// running daemon's outbox pass. A mail that still cannot be processed goes back to the quarantine
/// with the new reason. Should the process stop between the release and the processing, the
/// daemon's poller takes the released entry on its next pass
/// (`MailboxPoller.processReleasedQuarantine()`).
public enum QuarantineRelease {
    /// What became of the released mail.
    public struct Outcome: Sendable, Hashable {
        /// `ticket_created`, `added_to_ticket`, `kept_without_ticket`, `duplicate` or `quarantined_again`.
        public var result: String
        /// The ticket it created or joined.
        public var ticketID: Int64?
        /// Why it was quarantined again.
        public var reason: String?

        /// `{"result", "ticket_id", "reason"}`.
        public var json: JSONNode {
            .object(["result": .string(result), "ticket_id": ticketID.map { .int(Int($0)) } ?? .null, "reason": .optional(reason)])
        }
    }

    /// Releases entry `id` and processes it now. Throws ``StoreError`` for an unknown, already
    /// released or byte-less entry; `.invalidState` also when the rules or templates cannot load.
    public static func releaseAndProcess(_ id: QuarantineID, store: TicketStore, configuration: SupportIntakeConfiguration,
                                         logger: Logger, now: Date = Date()) throws(StoreError) -> Outcome {
        let settings: IntakeSettings
        do {
            settings = try IntakeSettings.load(configuration)
        } catch {
            throw StoreError(.invalidState, "cannot load the intake's rules or templates: \(error)")
        }
        let item = try store.releaseQuarantine(id, at: now)
        var intake = configuration.intake
        intake.maxMessageBytes = max(intake.maxMessageBytes, item.raw.count)  // the operator accepted this size
        let processor = IntakeProcessor(store: store, settings: ReloadableSettings(settings), intake: intake,
                                        clock: SystemDaemonClock(), logger: logger)
        switch try processor.processReleased(item) {
        case .quarantined(let reason, _):
            return Outcome(result: "quarantined_again", ticketID: nil, reason: reason.rawValue)
        case .stored(.ticketCreated(let ticket, _), _):
            return Outcome(result: "ticket_created", ticketID: ticket.rawValue, reason: nil)
        case .stored(.addedToTicket(let ticket, _), _):
            return Outcome(result: "added_to_ticket", ticketID: ticket.rawValue, reason: nil)
        case .stored(.keptWithoutTicket, _):
            return Outcome(result: "kept_without_ticket", ticketID: nil, reason: nil)
        case .stored(.duplicate(let ticket), _):
            return Outcome(result: "duplicate", ticketID: ticket?.rawValue, reason: nil)
        }
    }
}
