import MailCore

/// The SMTP envelope of one message (RFC 5321): who it is from and to whom it goes.
public struct Envelope: Sendable, Hashable {
    /// The reverse path, bare address; empty for the null sender `<>`.
    public var sender: String
    public var recipients: [String]
    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }
}

/// The outcome of one submission: the MTA's final reply and what happened to each recipient.
public struct SendResult: Sendable, Hashable {
    public enum RecipientOutcome: Sendable, Hashable {
        case accepted
        case rejectedTemporarily(code: Int)
        case rejectedPermanently(code: Int)
    }
    /// The final SMTP reply code after DATA (250 when accepted).
    public var replyCode: Int
    public var recipients: [String: RecipientOutcome]
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
