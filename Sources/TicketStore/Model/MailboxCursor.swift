import Foundation
import MailCore

/// How far the intake has read a mailbox: every UID up to ``lastUID`` under ``uidValidity`` is
/// committed. When the server's UIDVALIDITY differs, the cursor is void and the mailbox is rescanned.
public struct MailboxCursor: Sendable, Hashable {
    /// The mailbox this cursor belongs to.
    public var mailbox: MailboxName
    /// The UIDVALIDITY the UIDs refer to.
    public var uidValidity: UIDValidity
    /// The highest UID committed (0 when none).
    public var lastUID: UID
    /// During a backfill (`first_start: all`) or a rescan, mail received before this instant is
    /// imported but not acknowledged; nil outside a backfill.
    public var acknowledgeOnlyAfter: Date?
    /// When the cursor last moved.
    public var updatedAt: Date

    /// Creates a cursor value.
    public init(mailbox: MailboxName, uidValidity: UIDValidity, lastUID: UID, acknowledgeOnlyAfter: Date? = nil, updatedAt: Date) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUID = lastUID
        self.acknowledgeOnlyAfter = acknowledgeOnlyAfter
        self.updatedAt = updatedAt
    }
}
