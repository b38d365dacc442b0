import Foundation
import GRDB
import MailCore

extension TicketStore {
    /// Keeps a mail that cannot become a ticket, with its raw bytes and reason, and moves the
    /// cursor past it in the same transaction. Quarantining the same location twice keeps the
    /// first entry.
    @discardableResult
    public func recordQuarantine(_ location: MailLocation, reason: QuarantineItem.Reason, detail: String, raw: [UInt8],
                                 size: Int, internalDate: Date, at: Date) throws(StoreError) -> QuarantineID {
        let sha = SHA256.hex(raw)
        return try write { db in
            try db.execute(sql: """
                INSERT INTO quarantine (mailbox, uidvalidity, uid, reason, detail, raw, size, sha256, internal_date, quarantined_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mailbox, uidvalidity, uid) DO NOTHING
                """, arguments: [location.mailbox.rawValue, Int64(location.uidValidity.rawValue), Int64(location.uid.rawValue),
                                 reason.rawValue, detail, Data(raw), max(size, raw.count), sha, internalDate, at])
            try Self.advanceCursor(db, location, at: at)
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM quarantine WHERE mailbox = ? AND uidvalidity = ? AND uid = ?",
                                        arguments: [location.mailbox.rawValue, Int64(location.uidValidity.rawValue), Int64(location.uid.rawValue)])
            return QuarantineID(id ?? 0)
        }
    }

    /// Quarantined mails, newest first; released ones only when asked.
    public func quarantineList(includeReleased: Bool = false) throws(StoreError) -> [QuarantineItem] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM quarantine \(includeReleased ? "" : "WHERE released_at IS NULL") ORDER BY quarantined_at DESC, id DESC
                """).map(Self.quarantineItem(from:))
        }
    }

    /// One quarantined mail, with its raw bytes.
    public func quarantineItem(_ id: QuarantineID) throws(StoreError) -> QuarantineItem? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM quarantine WHERE id = ?", arguments: [id.rawValue]).map(Self.quarantineItem(from:))
        }
    }

    /// Marks a quarantined mail released and returns it, for the intake to process as a normal
    /// mail. Releasing twice is refused.
    public func releaseQuarantine(_ id: QuarantineID, at: Date) throws(StoreError) -> QuarantineItem {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM quarantine WHERE id = ?", arguments: [id.rawValue]) else {
                throw StoreError(.notFound, "quarantine entry \(id) not found")
            }
            var item = Self.quarantineItem(from: row)
            guard item.releasedAt == nil else { throw StoreError(.invalidState, "quarantine entry \(id) was already released") }
            guard !item.raw.isEmpty else {
                throw StoreError(.invalidState, "quarantine entry \(id) has no stored bytes (\(item.reason.rawValue)); it is still on the server")
            }
            try db.execute(sql: "UPDATE quarantine SET released_at = ? WHERE id = ?", arguments: [at, id.rawValue])
            item.releasedAt = at
            return item
        }
    }
}
