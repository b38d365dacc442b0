import Foundation
import Tickets

/// One answer to a satisfaction survey. A ticket keeps every answer; the latest one counts.
public struct SurveyAnswer: Sendable, Hashable {
    /// The ticket.
    public var ticketID: TicketID
    /// 1 (very bad) … 5 (excellent).
    public var rating: Int
    /// What the customer wrote besides the rating.
    public var comment: String?
    /// When the answer arrived.
    public var answeredAt: Date

    /// Creates a value.
    public init(ticketID: TicketID, rating: Int, comment: String?, answeredAt: Date) {
        self.ticketID = ticketID
        self.rating = rating
        self.comment = comment
        self.answeredAt = answeredAt
    }
}
