import Tickets

/// What ``TicketStore/recordIntake(_:)`` committed.
public enum IntakeOutcome: Sendable, Hashable {
    /// A ticket was opened; `outboxID` is the queued acknowledgement, nil when none is owed.
    case ticketCreated(TicketID, outboxID: OutboxID?)
    /// The mail was added to an existing ticket (`reopened` when that reopened it).
    case addedToTicket(TicketID, reopened: Bool)
    /// The mail was kept without a ticket (automated, own, unmatched bounce).
    case keptWithoutTicket
    /// The same mail (by Message-ID, or by SHA-256 when it has none) was already stored: nothing
    /// was added, only the cursor moved.
    case duplicate(TicketID?)
}
