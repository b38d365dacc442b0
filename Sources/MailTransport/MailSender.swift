import MailCore

/// The SMTP envelope of one message (RFC 5321): who it is from and to whom it goes.
public struct Envelope: Sendable, Hashable {
    /// The reverse path, bare address; empty for the null sender `<>`.
    public var sender: String
    /// The forward paths, bare addresses (Bcc recipients belong here and not in the headers).
    public var recipients: [String]
    /// Creates an envelope.
    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }
}

/// The outcome of one submission: the MTA's final reply and what happened to each recipient.
public struct SendResult: Sendable, Hashable {
    /// What the server answered to one recipient's `RCPT TO`.
    public enum RecipientOutcome: Sendable, Hashable {
        /// 2xx: the message is on its way to this recipient.
        case accepted
        /// 4xx: refused for now; try this recipient again later.
        case rejectedTemporarily(code: Int)
        /// 5xx: refused for good (unknown user, relay denied).
        case rejectedPermanently(code: Int)
    }
    /// The final SMTP reply code after DATA (250 when accepted).
    public var replyCode: Int
    /// Each envelope recipient's outcome, keyed by the address as given in ``Envelope``.
    public var recipients: [String: RecipientOutcome]
    /// Creates a result.
    public init(replyCode: Int, recipients: [String: RecipientOutcome]) {
        self.replyCode = replyCode
        self.recipients = recipients
    }
}

/// Submits finished messages over SMTP. One implementation uses libcurl; unit tests use fakes.
public protocol MailSender: Sendable {
    /// Sends `message` (CRLF line endings, complete headers) to the envelope's recipients.
    /// Throws a ``TransportError`` whose code says whether a retry makes sense.
    func send(_ message: [UInt8], envelope: Envelope) async throws(TransportError) -> SendResult
    /// Closes the connection kept for a batch.
    func close() async
}
