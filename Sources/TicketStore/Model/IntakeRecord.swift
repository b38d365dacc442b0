import Foundation
import MailCore
import Tickets

/// One incoming mail and what the intake decided about it, committed by
/// ``TicketStore/recordIntake(_:)`` in a single transaction together with the cursor advance.
public struct IntakeRecord: Sendable {
    /// What becomes of the mail.
    public enum Disposition: Sendable {
        /// A new ticket; `acknowledgement` is nil when no acknowledgement is owed, with the reason
        /// in `skipReason` (`backfill_too_old`, `ack_cap`, …).
        case newTicket(NewTicket, acknowledgement: OutgoingMailRequest?, skipReason: String?)
        /// A customer's follow-up to an existing ticket; `reopen` when the ticket was resolved.
        case followUp(TicketID, reopen: Bool)
        /// A reply to a satisfaction survey: a rating 1…5 (nil when none was found) and a comment.
        case surveyAnswer(TicketID, rating: Int?, comment: String?)
        /// A reply by an agent (an address in `agents`) to a ticket.
        case agentResponse(TicketID, agent: String)
        /// A delivery-status report, attached to the ticket of the bounced message when known.
        case bounce(TicketID?, reason: String)
        /// Other machine-generated mail: kept, never acknowledged, attached when it threads.
        case automated(TicketID?, reason: String)
        /// Mail from one of our own addresses: kept, never acknowledged.
        case ownMail(TicketID?)
    }

    /// Where the mail was fetched from.
    public var location: MailLocation
    /// The server's INTERNALDATE: the receipt time every response time is measured from.
    public var internalDate: Date
    /// The raw RFC 5322 bytes, kept as received.
    public var raw: [UInt8]
    /// The mail's Message-ID, when it has one.
    public var messageID: MessageID?
    /// The normalized sender address, when there is one.
    public var sender: String?
    /// The decoded subject.
    public var subject: String
    /// What the intake decided.
    public var disposition: Disposition
    /// When the decision is committed (the daemon's clock).
    public var recordedAt: Date

    /// Creates a record.
    public init(location: MailLocation, internalDate: Date, raw: [UInt8], messageID: MessageID?, sender: String?,
                subject: String, disposition: Disposition, recordedAt: Date) {
        self.location = location
        self.internalDate = internalDate
        self.raw = raw
        self.messageID = messageID
        self.sender = sender
        self.subject = subject
        self.disposition = disposition
        self.recordedAt = recordedAt
    }
}
