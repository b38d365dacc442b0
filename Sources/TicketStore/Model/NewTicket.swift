import Foundation
import Tickets

/// Everything needed to open a ticket: who, which plan and priority (with the classifier's
/// reasons), the language of the customer, and the response target that applies.
public struct NewTicket: Sendable, Hashable {
    /// The customer's address, normalized (domain lower-cased).
    public var customer: String
    /// The customer's display name, when the mail gave one.
    public var customerName: String?
    /// Where acknowledgements and surveys go: the Reply-To address, else From.
    public var replyAddress: String
    /// The customer's plan.
    public var plan: Plan
    /// The classified priority.
    public var priority: Priority
    /// Why the classifier chose the priority (matched rules), kept for operators.
    public var reasons: [String]
    /// The subject as the customer wrote it.
    public var subject: String
    /// `pt`, `en` or `es`.
    public var language: String
    /// The plan's response target for this priority, in seconds.
    public var targetSeconds: Int

    /// Creates a new-ticket value.
    public init(customer: String, customerName: String? = nil, replyAddress: String, plan: Plan, priority: Priority,
                reasons: [String] = [], subject: String, language: String, targetSeconds: Int) {
        self.customer = customer
        self.customerName = customerName
        self.replyAddress = replyAddress
        self.plan = plan
        self.priority = priority
        self.reasons = reasons
        self.subject = subject
        self.language = language
        self.targetSeconds = targetSeconds
    }
}
