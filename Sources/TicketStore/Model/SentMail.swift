import Foundation
import Tickets

/// What ``TicketStore/markSent(_:at:raw:subject:smtpReply:)`` recorded: for an acknowledgement,
/// the response time against the target.
public struct SentMail: Sendable, Hashable {
    /// The outbox row.
    public var outboxID: OutboxID
    /// Ack or survey.
    public var kind: OutboxItem.Kind
    /// The ticket.
    public var ticketID: TicketID
    /// For an acknowledgement: acknowledged − received, in whole seconds.
    public var responseSeconds: Int?
    /// The plan's target for the ticket's priority.
    public var targetSeconds: Int
    /// For an acknowledgement: whether the target was met.
    public var met: Bool?
    /// The ticket's plan.
    public var plan: Plan
    /// The ticket's priority.
    public var priority: Priority
}
