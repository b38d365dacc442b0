import MailCore

/// Finds the ticket a mail belongs to: In-Reply-To, then References (newest first) naming any
/// known message, ours or the customer's; then the ticket tag in the subject; then our reference
/// token in the body. Pure: the look-up of known Message-IDs is passed in.
public struct ThreadResolver: Sendable {
    /// The tag format in use.
    public var tag: TicketTag

    /// Creates a resolver for a tag format.
    public init(tag: TicketTag) {
        self.tag = tag
    }

    /// The ticket of `message`, nil for a new conversation. `lookup` answers for a Message-ID
    /// and `ticketExists` confirms a number read from a subject or body (a customer may write
    /// `[#999]` for a ticket that does not exist). Both may throw (store errors propagate).
    public func resolve(
        _ message: Message,
        lookup: (MessageID) throws -> ReferencedMessage?,
        ticketExists: (TicketID) throws -> Bool
    ) rethrows -> ThreadMatch? {
        var seen = Set<MessageID>()
        for id in message.inReplyTo + message.references.reversed() where seen.insert(id).inserted {
            if let known = try lookup(id) {
                return ThreadMatch(ticketID: known.ticketID, evidence: .reference,
                                   answersSurvey: known.isSurvey || SurveySubject.rating(in: message.subject, tag: tag) != nil)
            }
        }
        if let id = tag.firstTicket(in: message.subject), try ticketExists(id) {
            return ThreadMatch(ticketID: id, evidence: .tag,
                               answersSurvey: SurveySubject.rating(in: message.subject, tag: tag)?.ticket == id)
        }
        if let id = ThreadToken.firstTicket(in: message.text), try ticketExists(id) {
            return ThreadMatch(ticketID: id, evidence: .token, answersSurvey: false)
        }
        return nil
    }
}
