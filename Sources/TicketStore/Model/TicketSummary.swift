import Foundation

/// A ticket as listed: the ticket, how many mails it has, and its latest survey answer.
public struct TicketSummary: Sendable, Hashable {
    /// The ticket.
    public var ticket: StoredTicket
    /// Incoming and outgoing mails stored for it.
    public var messageCount: Int
    /// The latest survey answer, nil when none.
    public var satisfaction: SurveyAnswer?
}
