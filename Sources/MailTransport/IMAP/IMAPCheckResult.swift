/// What `support-intake check` shows about the IMAP side: the mailbox's status after a real login
/// and SELECT, and the server's capabilities.
public struct IMAPCheckResult: Sendable, Hashable {
    /// Mailbox, UIDVALIDITY, UIDNEXT and message count.
    public var status: MailboxStatus
    /// The capabilities after login, upper-cased and sorted (e.g. `IDLE`, `MOVE`, `UIDPLUS`).
    public var capabilities: [String]

    /// Creates a result.
    public init(status: MailboxStatus, capabilities: [String]) {
        self.status = status
        self.capabilities = capabilities
    }
}
