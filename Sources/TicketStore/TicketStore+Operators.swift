import Foundation
import GRDB
import MailCore
import Tickets

extension TicketStore {
    /// Released quarantine entries the intake has not processed yet: released by an operator
    /// (`quarantine release`), with stored bytes, and no mail stored yet at their (mailbox,
    /// UIDVALIDITY, UID). The daemon's poller takes these on its next pass and processes each like
    /// a newly fetched mail; once processed, its message row exists and it leaves this list. Oldest
    /// release first.
    public func releasedQuarantineAwaitingIntake(limit: Int = 50) throws(StoreError) -> [QuarantineItem] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT q.* FROM quarantine q
                WHERE q.released_at IS NOT NULL AND length(q.raw) > 0
                  AND NOT EXISTS (SELECT 1 FROM messages m
                                  WHERE m.mailbox = q.mailbox AND m.uidvalidity = q.uidvalidity AND m.uid = q.uid)
                ORDER BY q.released_at, q.id LIMIT ?
                """, arguments: [max(1, limit)]).map(Self.quarantineItem(from:))
        }
    }

    /// Puts a released entry back in quarantine when processing it failed again (still
    /// unparseable, still no sender): the release is cleared and `detail` records why, so the
    /// poller does not retry it on every pass.
    public func returnToQuarantine(_ id: QuarantineID, detail: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE quarantine SET released_at = NULL, detail = ? WHERE id = ?",
                           arguments: [String(detail.prefix(500)), id.rawValue])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "quarantine entry \(id) not found") }
        }
    }

    /// One ticket with its message count and latest survey answer, as `tickets list` shows it.
    public func ticketSummary(id: TicketID) throws(StoreError) -> TicketSummary? {
        guard let ticket = try ticket(id: id) else { return nil }
        let count = try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages WHERE ticket_id = ?", arguments: [id.rawValue]) ?? 0
        }
        return TicketSummary(ticket: ticket, messageCount: count, satisfaction: try surveyAnswers(ticketID: id).last)
    }
}
