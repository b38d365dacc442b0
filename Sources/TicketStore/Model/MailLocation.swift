import MailCore

/// Where a fetched mail lives on the server: (mailbox, UIDVALIDITY, UID), the key of every
/// incoming message (RFC 9051 §2.3.1.1).
public struct MailLocation: Sendable, Hashable, CustomStringConvertible {
    /// The mailbox the mail was fetched from.
    public var mailbox: MailboxName
    /// The mailbox's UIDVALIDITY when the mail was fetched.
    public var uidValidity: UIDValidity
    /// The mail's UID in that mailbox.
    public var uid: UID

    /// Creates a location.
    public init(mailbox: MailboxName, uidValidity: UIDValidity, uid: UID) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }

    /// `INBOX;UIDVALIDITY=…;UID=…` (the RFC 5092 IMAP URL style).
    public var description: String { "\(mailbox);UIDVALIDITY=\(uidValidity);UID=\(uid)" }
}
