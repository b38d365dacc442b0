import Foundation
import MailCore

/// What a mailbox reports about itself (RFC 9051 STATUS / SELECT data).
public struct MailboxStatus: Sendable, Hashable {
    /// The mailbox these values belong to.
    public var mailbox: MailboxName
    /// The UIDVALIDITY: stored UIDs are valid only while it stays the same.
    public var uidValidity: UIDValidity
    /// The UID the next arriving message will get at the least.
    public var uidNext: UID
    /// How many messages the mailbox holds.
    public var messageCount: Int
    /// Creates a status.
    public init(mailbox: MailboxName, uidValidity: UIDValidity, uidNext: UID, messageCount: Int) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messageCount = messageCount
    }
}

/// One message as the server holds it: raw RFC 5322 bytes, the server's INTERNALDATE (when it
/// received the mail) and its RFC822.SIZE.
public struct FetchedMessage: Sendable, Hashable {
    /// The message's UID in its mailbox.
    public var uid: UID
    /// When the server received the message (IMAP INTERNALDATE).
    public var internalDate: Date
    /// RFC822.SIZE: the message's size in bytes as the server counts it.
    public var size: Int
    /// The raw RFC 5322 bytes; empty when the message was larger than the fetch's `maxBytes`.
    public var raw: [UInt8]
    /// Creates a fetched message.
    public init(uid: UID, internalDate: Date, size: Int, raw: [UInt8]) {
        self.uid = uid
        self.internalDate = internalDate
        self.size = size
        self.raw = raw
    }
}

/// An IMAP mailbox the intake reads from. One implementation talks IMAP through libcurl; unit tests
/// use fakes. Fetching never sets `\Seen`.
public protocol MailboxClient: Sendable {
    /// UIDVALIDITY, UIDNEXT and the message count of the configured mailbox.
    func status() async throws(TransportError) -> MailboxStatus
    /// The UIDs above `cursor`, ascending (the server's `n:*` quirk filtered out).
    func uids(after cursor: UID, expecting validity: UIDValidity) async throws(TransportError) -> [UID]
    /// Raw bytes, INTERNALDATE and size of these messages, with `BODY.PEEK[]` (no `\Seen`).
    /// Messages over `maxBytes` come back with their size and an empty `raw`.
    func fetch(_ uids: [UID], expecting validity: UIDValidity, maxBytes: Int) async throws(TransportError) -> [FetchedMessage]
    /// Sets `\Seen` (or another flag or keyword) on one message.
    func addFlag(_ flag: String, to uid: UID, expecting validity: UIDValidity) async throws(TransportError)
    /// Moves one message to `folder`, creating the folder if it is missing (UID MOVE where the
    /// server has it, otherwise COPY + \Deleted + UID EXPUNGE).
    func move(_ uid: UID, to folder: MailboxName, expecting validity: UIDValidity) async throws(TransportError)
    /// Waits until the server reports a change to the mailbox (IDLE, or NOOP where IDLE is absent)
    /// or `timeout` passes. Returns true when something changed.
    func waitForChange(timeout: Duration) async throws(TransportError) -> Bool
    /// Logs out and releases the connection.
    func close() async
}
