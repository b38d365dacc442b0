/// The reference token written in the body of our mails (`ref:SI-123`): when a customer replies
/// with a client that keeps neither the headers nor our subject, the quoted body still carries it.
public enum ThreadToken {
    /// The token for a ticket.
    public static func render(_ id: TicketID) -> String { "ref:SI-\(id.rawValue)" }

    /// The first ticket referenced by a token in `text`.
    public static func firstTicket(in text: String) -> TicketID? {
        TicketTag(format: "ref:si-{id}")?.firstTicket(in: text)
    }
}
