import Foundation
import MailCore
import Tickets

/// The primary key of an outbox row.
public struct OutboxID: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The row id.
    public var rawValue: Int64
    /// Wraps a row id.
    public init(rawValue: Int64) { self.rawValue = rawValue }
    /// Wraps a row id.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    /// Orders by row id.
    public static func < (lhs: OutboxID, rhs: OutboxID) -> Bool { lhs.rawValue < rhs.rawValue }
    /// The number.
    public var description: String { String(rawValue) }
}

/// One mail waiting in (or gone from) the outbox: an acknowledgement or a survey.
public struct OutboxItem: Sendable, Hashable {
    /// What kind of mail.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The acknowledgement of a new ticket.
        case ack
        /// The satisfaction survey after resolution.
        case survey
    }

    /// Where the row stands.
    public enum Status: String, Sendable, Hashable {
        /// Not yet accepted by the MTA; retried at ``OutboxItem/nextAttemptAt``.
        case pending
        /// Accepted by the MTA (250) at ``OutboxItem/sentAt``.
        case sent
        /// Permanently refused: recorded, never retried.
        case failed
    }

    /// The row id.
    public var id: OutboxID
    /// Ack or survey.
    public var kind: Kind
    /// The ticket the mail is about.
    public var ticketID: TicketID
    /// The envelope and To address.
    public var recipient: String
    /// The recipient's display name.
    public var recipientName: String?
    /// Our Message-ID, fixed when queued.
    public var messageID: MessageID
    /// The customer mail answered.
    public var inReplyTo: MessageID?
    /// The References chain.
    public var references: [MessageID]
    /// `pt`, `en` or `es`.
    public var language: String
    /// Pending, sent or failed.
    public var status: Status
    /// Submission attempts so far.
    public var attempts: Int
    /// When the row was queued.
    public var createdAt: Date
    /// Not sent before this instant.
    public var nextAttemptAt: Date
    /// The last failure, secret-free.
    public var lastError: String?
    /// When the MTA accepted the mail.
    public var sentAt: Date?
}
