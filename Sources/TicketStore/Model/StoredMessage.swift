import Foundation
import MailCore
import Tickets

/// One stored mail, incoming or ours, with its raw bytes.
public struct StoredMessage: Sendable, Hashable {
    /// Incoming (fetched) or outgoing (sent by us).
    public enum Direction: String, Sendable, Hashable {
        /// Fetched from the mailbox.
        case incoming = "in"
        /// Sent by the daemon.
        case outgoing = "out"
    }

    /// What the mail was taken for.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The mail that opened a ticket.
        case ticket
        /// A customer's follow-up.
        case followup
        /// A reply to a satisfaction survey.
        case surveyAnswer = "survey_answer"
        /// An agent's reply.
        case agent
        /// A delivery-status report.
        case bounce
        /// Other automated mail.
        case automated
        /// Mail from our own addresses.
        case own
        /// Our acknowledgement.
        case ack
        /// Our survey.
        case survey
    }

    /// The row id.
    public var rowID: Int64
    /// The ticket, when the mail belongs to one.
    public var ticketID: TicketID?
    /// In or out.
    public var direction: Direction
    /// What it was taken for.
    public var kind: Kind
    /// Why (automation reason, …).
    public var reason: String?
    /// Its Message-ID.
    public var messageID: MessageID?
    /// The sender (incoming) or recipient (outgoing) address.
    public var sender: String?
    /// The decoded subject.
    public var subject: String
    /// Where it was fetched from (incoming only).
    public var location: MailLocation?
    /// INTERNALDATE (incoming) .
    public var internalDate: Date?
    /// When the row was written (for outgoing mail: the MTA's acceptance).
    public var recordedAt: Date
    /// Size of the raw bytes.
    public var size: Int
    /// SHA-256 of the raw bytes, hex.
    public var sha256: String
}
