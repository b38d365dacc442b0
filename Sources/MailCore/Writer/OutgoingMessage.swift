import Foundation

/// A message the daemon sends (acknowledgement, satisfaction survey), before rendering by
/// ``MessageWriter``. Values are plain Unicode text; the writer does all encoding and escaping.
public struct OutgoingMessage: Sendable {
    /// The `From` mailbox.
    public var from: EmailAddress
    /// The `To` mailboxes.
    public var to: [EmailAddress]
    /// The subject, any Unicode; encoded per RFC 2047 when needed.
    public var subject: String
    /// The `Date` field (written in UTC).
    public var date: Date
    /// The `Message-ID`, usually from ``MessageID/generate(domain:)``.
    public var messageID: MessageID
    /// The message this one answers (`In-Reply-To`), if any.
    public var inReplyTo: MessageID?
    /// The thread's `References`, oldest first.
    public var references: [MessageID]
    /// Additional fields such as `("Auto-Submitted", "auto-replied")`, in order. Names that are not
    /// valid field names (RFC 5322 §3.6.8) are dropped; values are sanitised like every other value.
    public var extraHeaders: [(String, String)]
    /// The plain-text body.
    public var textBody: String
    /// An HTML alternative; when present the message is `multipart/alternative`.
    public var htmlBody: String?

    /// Creates a message to render.
    public init(
        from: EmailAddress, to: [EmailAddress], subject: String, date: Date = Date(), messageID: MessageID,
        inReplyTo: MessageID? = nil, references: [MessageID] = [], extraHeaders: [(String, String)] = [],
        textBody: String, htmlBody: String? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.extraHeaders = extraHeaders
        self.textBody = textBody
        self.htmlBody = htmlBody
    }
}
