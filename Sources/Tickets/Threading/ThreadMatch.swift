/// The ticket a mail belongs to and how that was found.
public struct ThreadMatch: Sendable, Hashable {
    /// How the ticket was found, strongest first.
    public enum Evidence: String, Sendable, Hashable {
        /// In-Reply-To or References named a stored message.
        case reference
        /// The subject carries the ticket tag.
        case tag
        /// The body carries our reference token.
        case token
    }

    /// The ticket.
    public var ticketID: TicketID
    /// How it was found.
    public var evidence: Evidence
    /// The mail answers one of our surveys (by reference, or by a `[#123] rating N` subject).
    public var answersSurvey: Bool

    /// Creates a value.
    public init(ticketID: TicketID, evidence: Evidence, answersSurvey: Bool) {
        self.ticketID = ticketID
        self.evidence = evidence
        self.answersSurvey = answersSurvey
    }
}
