import Foundation
import GRDB
import Tickets

extension TicketStore {
    /// Open tickets that still owe an acknowledgement (pending, or refused by the MTA), oldest
    /// first: what the SLA watcher checks against 75 % and 100 % of their targets.
    public func openUnacknowledged(now: Date) throws(StoreError) -> [StoredTicket] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM tickets WHERE status = 'open' AND ack_status IN ('pending','failed') AND received_at <= ?
                ORDER BY due_at, id
                """, arguments: [now]).map(Self.ticket(from:))
        }
    }

    /// Appends an event to a ticket's timing log. `received`, `acknowledged`, `at_risk` and
    /// `breached` happen at most once per ticket: recording one again returns false and changes
    /// nothing (so `sla_at_risk` is logged once even across restarts).
    @discardableResult
    public func recordSLAEvent(_ event: SLAEvent) throws(StoreError) -> Bool {
        try write { db in
            guard try Self.fetchTicket(db, event.ticketID) != nil else { throw StoreError(.notFound, "ticket \(event.ticketID) not found") }
            try db.execute(sql: "INSERT OR IGNORE INTO sla_events (ticket_id, kind, at, detail) VALUES (?, ?, ?, ?)",
                           arguments: [event.ticketID.rawValue, event.kind.rawValue, event.at, event.detail])
            guard db.changesCount > 0 else { return false }
            switch event.kind {
            case .atRisk:
                try db.execute(sql: "UPDATE tickets SET at_risk_at = ? WHERE id = ?", arguments: [event.at, event.ticketID.rawValue])
            case .breached:
                try db.execute(sql: "UPDATE tickets SET breached_at = ? WHERE id = ?", arguments: [event.at, event.ticketID.rawValue])
            default:
                break
            }
            return true
        }
    }

    /// A ticket's timing log, in order.
    public func slaEvents(ticketID: TicketID) throws(StoreError) -> [SLAEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sla_events WHERE ticket_id = ? ORDER BY at, id", arguments: [ticketID.rawValue]).compactMap { row in
                SLAEvent.Kind(rawValue: row["kind"]).map { SLAEvent(ticketID: ticketID, kind: $0, at: row["at"], detail: row["detail"]) }
            }
        }
    }
}
