import Foundation
import MailCore

/// What to queue in the outbox: the render inputs of one outgoing mail (the daemon renders the
/// bytes when it sends, with the Message-ID fixed here so a retry reuses it).
public struct OutgoingMailRequest: Sendable, Hashable {
    /// The recipient's bare address.
    public var recipient: String
    /// The recipient's display name, when known.
    public var recipientName: String?
    /// Our Message-ID for the mail, generated once.
    public var messageID: MessageID
    /// The customer mail this one answers.
    public var inReplyTo: MessageID?
    /// The thread's References chain (oldest first).
    public var references: [MessageID]
    /// `pt`, `en` or `es`.
    public var language: String
    /// Not sent before this instant (a survey's delay).
    public var notBefore: Date

    /// Creates a request.
    public init(recipient: String, recipientName: String? = nil, messageID: MessageID, inReplyTo: MessageID? = nil,
                references: [MessageID] = [], language: String, notBefore: Date) {
        self.recipient = recipient
        self.recipientName = recipientName
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.language = language
        self.notBefore = notBefore
    }
}
