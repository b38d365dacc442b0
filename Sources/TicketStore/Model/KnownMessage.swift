import Tickets

/// What the store knows about a Message-ID a new mail refers to (In-Reply-To/References): the
/// ticket it belongs to and what kind of mail it was (a reply to our survey is a survey answer).
public struct KnownMessage: Sendable, Hashable {
    /// The ticket the message belongs to, when it belongs to one.
    public var ticketID: TicketID?
    /// What the message was taken for.
    public var kind: StoredMessage.Kind
    /// In or out.
    public var direction: StoredMessage.Direction

    /// Creates a value.
    public init(ticketID: TicketID?, kind: StoredMessage.Kind, direction: StoredMessage.Direction) {
        self.ticketID = ticketID
        self.kind = kind
        self.direction = direction
    }
}
