import Foundation
import MailCore
import Tickets
import TicketStore

/// What `tickets resolve` and `tickets reopen` do: resolve a ticket (a `resolved` event) and
/// queue its satisfaction survey in the customer's language in the same transaction when the
/// ``SurveyPolicy`` allows it; reopen a resolved ticket. The daemon's outbox pass sends the survey
/// (within its 30 s outbox interval, or at `satisfaction.delay`).
public struct TicketResolver: Sendable {
    /// What a resolution did.
    public struct Outcome: Sendable, Hashable {
        /// The ticket.
        public var ticketID: TicketID
        /// The queued survey's outbox row and earliest send time; nil when skipped.
        public var surveyOutbox: OutboxID?
        /// When the survey may be sent.
        public var surveyNotBefore: Date?
        /// Why no survey was queued.
        public var surveySkipReason: String?

        /// `{"id", "status", "survey": {"queued", "not_before", "skip_reason"}}`.
        public var json: JSONNode {
            .object([
                "id": .int(Int(ticketID.rawValue)),
                "status": .string("resolved"),
                "survey": .object([
                    "queued": .bool(surveyOutbox != nil),
                    "not_before": OperatorTimeFormat.json(surveyNotBefore),
                    "skip_reason": .optional(surveySkipReason),
                ]),
            ])
        }
    }

    /// The store.
    public let store: TicketStore
    /// `satisfaction.*`.
    public let policy: SurveyPolicy
    /// The domain of our Message-IDs (the support address's).
    public let messageIDDomain: String

    /// Creates a resolver.
    public init(store: TicketStore, policy: SurveyPolicy, messageIDDomain: String) {
        self.store = store
        self.policy = policy
        self.messageIDDomain = messageIDDomain.isEmpty ? "localhost" : messageIDDomain
    }

    /// Resolves ticket `id` at `now`, queuing the survey when the policy allows. Throws
    /// ``StoreError`` `.notFound` / `.invalidState` (already resolved).
    public func resolve(_ id: TicketID, comment: String?, now: Date) throws(StoreError) -> Outcome {
        guard let ticket = try store.ticket(id: id) else { throw StoreError(.notFound, "ticket \(id) not found") }
        guard ticket.status == .open else { throw StoreError(.invalidState, "ticket \(id) is already resolved") }
        let decision = policy.decide(recipient: ticket.replyAddress, lastSurveyQueued: try store.lastSurveyQueued(customer: ticket.customer),
                                     ackSkipReason: ticket.ackSkipReason, now: now)
        let comment = comment.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : String($0.prefix(2000)) }
        switch decision {
        case .skip(let reason):
            try store.resolve(ticketID: id, comment: comment, at: now, survey: nil)
            return Outcome(ticketID: id, surveyOutbox: nil, surveyNotBefore: nil, surveySkipReason: reason)
        case .send(let notBefore):
            let request = try surveyRequest(ticket, notBefore: notBefore)
            let outbox = try store.resolve(ticketID: id, comment: comment, at: now, survey: request)
            return Outcome(ticketID: id, surveyOutbox: outbox, surveyNotBefore: notBefore, surveySkipReason: nil)
        }
    }

    /// Reopens resolved ticket `id` (a `reopened` event with the operator as reason).
    public func reopen(_ id: TicketID, now: Date) throws(StoreError) {
        try store.reopen(ticketID: id, at: now, reason: "operator")
    }

    /// The survey threads under the customer's latest mail, References carrying the ticket's
    /// Message-IDs (the customer's and ours, oldest first, at most 20).
    func surveyRequest(_ ticket: StoredTicket, notBefore: Date) throws(StoreError) -> OutgoingMailRequest {
        let messages = try store.messages(ticketID: ticket.id)
        let lastCustomer = messages.last { $0.direction == .incoming && ($0.kind == .ticket || $0.kind == .followup) }
        var references: [MessageID] = []
        for message in messages {
            if let id = message.messageID, !references.contains(id) { references.append(id) }
        }
        return OutgoingMailRequest(
            recipient: ticket.replyAddress, recipientName: ticket.customerName,
            messageID: MessageID.generate(domain: messageIDDomain),
            inReplyTo: lastCustomer?.messageID, references: Array(references.suffix(20)), language: ticket.language,
            notBefore: notBefore)
    }
}
