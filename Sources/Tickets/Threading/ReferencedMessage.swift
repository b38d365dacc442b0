/// What the store knows about a Message-ID a mail refers to, as threading needs it.
public struct ReferencedMessage: Sendable, Hashable {
    /// The ticket the referenced message belongs to.
    public var ticketID: TicketID
    /// The referenced message is one of our satisfaction surveys.
    public var isSurvey: Bool

    /// Creates a value.
    public init(ticketID: TicketID, isSurvey: Bool) {
        self.ticketID = ticketID
        self.isSurvey = isSurvey
    }
}
