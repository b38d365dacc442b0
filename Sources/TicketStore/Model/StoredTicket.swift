import Foundation
import Tickets

/// A ticket as stored: who, what, how urgent, and every instant of its life.
public struct StoredTicket: Sendable, Hashable {
    /// Open until resolved; a customer's reply reopens it.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Waiting for the team.
        case open
        /// Marked resolved by an operator.
        case resolved
    }

    /// Where the acknowledgement stands.
    public enum AckStatus: String, Sendable, Hashable {
        /// Queued, not yet accepted by the MTA.
        case pending
        /// Accepted by the MTA at ``StoredTicket/acknowledgedAt``.
        case sent
        /// Refused permanently by the MTA.
        case failed
        /// Not owed (backfill of old mail, per-sender cap), see ``StoredTicket/ackSkipReason``.
        case skipped
    }

    /// The ticket number.
    public var id: TicketID
    /// The customer's normalized address.
    public var customer: String
    /// The customer's display name.
    public var customerName: String?
    /// Where acknowledgements and surveys go.
    public var replyAddress: String
    /// The customer's plan.
    public var plan: Plan
    /// The classified priority.
    public var priority: Priority
    /// The classifier's reasons.
    public var reasons: [String]
    /// The original subject.
    public var subject: String
    /// `pt`, `en` or `es`.
    public var language: String
    /// Open or resolved.
    public var status: Status
    /// When the row was written.
    public var createdAt: Date
    /// The INTERNALDATE of the first mail: the start of the response clock.
    public var receivedAt: Date
    /// The plan's target for the priority, in seconds.
    public var targetSeconds: Int
    /// `receivedAt + targetSeconds`.
    public var dueAt: Date
    /// Where the acknowledgement stands.
    public var ackStatus: AckStatus
    /// Why no acknowledgement is owed, when skipped.
    public var ackSkipReason: String?
    /// When the MTA accepted the acknowledgement.
    public var acknowledgedAt: Date?
    /// `acknowledgedAt − receivedAt`, in whole seconds.
    public var responseSeconds: Int?
    /// Whether the response met the target.
    public var responseMet: Bool?
    /// When `sla_at_risk` was recorded.
    public var atRiskAt: Date?
    /// When `sla_breached` was recorded.
    public var breachedAt: Date?
    /// When an agent first replied.
    public var agentResponseAt: Date?
    /// `agentResponseAt − receivedAt`.
    public var agentResponseSeconds: Int?
    /// The agent who first replied.
    public var agent: String?
    /// When it was resolved (nil while open).
    public var resolvedAt: Date?
    /// The operator's resolution comment.
    public var resolutionComment: String?
}
