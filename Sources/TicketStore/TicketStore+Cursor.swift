import Foundation
import GRDB
import MailCore

extension TicketStore {
    /// The committed position in `mailbox`, nil before the first start.
    public func cursor(for mailbox: MailboxName) throws(StoreError) -> MailboxCursor? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM mailbox_cursors WHERE mailbox = ?", arguments: [mailbox.rawValue]).map { row in
                let validity: Int64 = row["uidvalidity"]
                let last: Int64 = row["last_uid"]
                return MailboxCursor(mailbox: mailbox, uidValidity: UIDValidity(UInt32(truncatingIfNeeded: validity)),
                                     lastUID: UID(UInt32(truncatingIfNeeded: last)),
                                     acknowledgeOnlyAfter: row["backfill_until"], updatedAt: row["updated_at"])
            }
        }
    }

    /// Sets the cursor of `mailbox` to (`uidValidity`, `lastUID`): on the first start, and when the
    /// server's UIDVALIDITY changed (then `lastUID` is 0 and the mailbox is rescanned, deduplicated
    /// by Message-ID). Mail received before `acknowledgeOnlyAfter` is imported but not acknowledged.
    public func resetCursor(_ mailbox: MailboxName, uidValidity: UIDValidity, lastUID: UID,
                            acknowledgeOnlyAfter: Date?, at: Date) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO mailbox_cursors (mailbox, uidvalidity, last_uid, backfill_until, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
                    backfill_until = excluded.backfill_until, updated_at = excluded.updated_at
                """, arguments: [mailbox.rawValue, Int64(uidValidity.rawValue), Int64(lastUID.rawValue), acknowledgeOnlyAfter, at])
        }
    }

    /// Moves the cursor past `location` when nothing was stored for it (a UID that vanished
    /// between SEARCH and FETCH). Never moves it back.
    public func advanceCursor(past location: MailLocation, at: Date) throws(StoreError) {
        try write { db in try Self.advanceCursor(db, location, at: at) }
    }

    static func advanceCursor(_ db: Database, _ location: MailLocation, at: Date) throws {
        try db.execute(sql: """
            UPDATE mailbox_cursors SET last_uid = max(last_uid, ?), updated_at = ?
            WHERE mailbox = ? AND uidvalidity = ?
            """, arguments: [Int64(location.uid.rawValue), at, location.mailbox.rawValue, Int64(location.uidValidity.rawValue)])
    }
}
