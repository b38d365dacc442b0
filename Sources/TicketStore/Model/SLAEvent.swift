import Foundation
import Tickets

/// One entry in a ticket's timing log.
public struct SLAEvent: Sendable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The first mail arrived (INTERNALDATE).
        case received
        /// The MTA accepted the acknowledgement.
        case acknowledged
        /// The acknowledgement was refused permanently.
        case ackFailed = "ack_failed"
        /// No acknowledgement is owed.
        case ackSkipped = "ack_skipped"
        /// 75 % of the target passed without an acknowledgement.
        case atRisk = "at_risk"
        /// The target passed without an acknowledgement.
        case breached
        /// A follow-up arrived.
        case followup
        /// Marked resolved.
        case resolved
        /// Reopened (by a reply or an operator).
        case reopened
        /// A survey was queued.
        case surveyQueued = "survey_queued"
        /// The MTA accepted the survey.
        case surveySent = "survey_sent"
        /// The customer answered the survey.
        case surveyAnswered = "survey_answered"
        /// An agent replied for the first time.
        case agentResponse = "agent_response"
        /// A bounce of one of the ticket's mails arrived.
        case bounce
    }

    /// The ticket.
    public var ticketID: TicketID
    /// What happened.
    public var kind: Kind
    /// When.
    public var at: Date
    /// A short, secret-free detail.
    public var detail: String?

    /// Creates an event value.
    public init(ticketID: TicketID, kind: Kind, at: Date, detail: String? = nil) {
        self.ticketID = ticketID
        self.kind = kind
        self.at = at
        self.detail = detail
    }
}
