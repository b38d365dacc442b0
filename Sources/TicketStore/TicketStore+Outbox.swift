import Foundation
import GRDB
import MailCore
import Tickets

extension TicketStore {
    /// Pending outbox rows due at `now`, oldest first.
    public func nextOutboxItems(now: Date, limit: Int = 50) throws(StoreError) -> [OutboxItem] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
                """, arguments: [now, limit]).map(Self.outboxItem(from:))
        }
    }

    /// When the earliest pending outbox row is due, nil when the outbox is empty.
    public func nextOutboxDue() throws(StoreError) -> Date? {
        try read { db in
            try Date.fetchOne(db, sql: "SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'")
        }
    }

    /// One outbox row.
    public func outboxItem(_ id: OutboxID) throws(StoreError) -> OutboxItem? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id.rawValue]).map(Self.outboxItem(from:))
        }
    }

    /// All outbox rows of a ticket, oldest first.
    public func outboxItems(ticketID: TicketID) throws(StoreError) -> [OutboxItem] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE ticket_id = ? ORDER BY id", arguments: [ticketID.rawValue])
                .map(Self.outboxItem(from:))
        }
    }

    /// Records that the MTA accepted the mail of `outboxID` at `at` (the 250 reply): the outbox row
    /// is sent, the rendered bytes are kept as an outgoing message (so replies thread), and for an
    /// acknowledgement the ticket's acknowledged time, response seconds and met/breached are set.
    /// Idempotent: a row already sent is returned as recorded the first time.
    public func markSent(_ outboxID: OutboxID, at: Date, raw: [UInt8], subject: String, smtpReply: Int) throws(StoreError) -> SentMail {
        let sha = SHA256.hex(raw)
        return try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [outboxID.rawValue]) else {
                throw StoreError(.notFound, "outbox row \(outboxID) not found")
            }
            let item = Self.outboxItem(from: row)
            guard let ticket = try Self.fetchTicket(db, item.ticketID) else { throw StoreError(.notFound, "ticket \(item.ticketID) not found") }
            if item.status == .sent {
                return SentMail(outboxID: outboxID, kind: item.kind, ticketID: ticket.id, responseSeconds: ticket.responseSeconds,
                                targetSeconds: ticket.targetSeconds, met: ticket.responseMet, plan: ticket.plan, priority: ticket.priority)
            }
            try db.execute(sql: """
                UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, smtp_reply = ?, last_error = NULL WHERE id = ?
                """, arguments: [at, smtpReply, outboxID.rawValue])
            try db.execute(sql: """
                INSERT INTO messages (ticket_id, direction, kind, message_id, sender, subject, recorded_at, raw, size, sha256)
                VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (ticket_id, message_id) DO NOTHING
                """, arguments: [ticket.id.rawValue, item.kind.rawValue, item.messageID.rawValue, item.recipient, subject, at,
                                 Data(raw), raw.count, sha])
            switch item.kind {
            case .ack:
                let seconds = max(0, Int(at.timeIntervalSince(ticket.receivedAt).rounded(.down)))
                let met = seconds <= ticket.targetSeconds
                try db.execute(sql: """
                    UPDATE tickets SET ack_status = 'sent', acknowledged_at = ?, response_seconds = ?, response_met = ? WHERE id = ?
                    """, arguments: [at, seconds, met, ticket.id.rawValue])
                try Self.insertEvent(db, ticket.id, .acknowledged, at: at,
                                     detail: "response_s=\(seconds) target_s=\(ticket.targetSeconds) sla=\(met ? "met" : "breached")")
                return SentMail(outboxID: outboxID, kind: .ack, ticketID: ticket.id, responseSeconds: seconds,
                                targetSeconds: ticket.targetSeconds, met: met, plan: ticket.plan, priority: ticket.priority)
            case .survey:
                try Self.insertEvent(db, ticket.id, .surveySent, at: at)
                return SentMail(outboxID: outboxID, kind: .survey, ticketID: ticket.id, responseSeconds: nil,
                                targetSeconds: ticket.targetSeconds, met: nil, plan: ticket.plan, priority: ticket.priority)
            }
        }
    }

    /// Records a failed submission. A temporary failure leaves the row pending until `nextAttempt`;
    /// a permanent one marks it failed (never retried) and, for an acknowledgement, the ticket's
    /// acknowledgement as failed with an `ack_failed` event.
    public func markSendFailed(_ outboxID: OutboxID, error: String, permanent: Bool, nextAttempt: Date, at: Date) throws(StoreError) {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [outboxID.rawValue]) else {
                throw StoreError(.notFound, "outbox row \(outboxID) not found")
            }
            let item = Self.outboxItem(from: row)
            guard item.status == .pending else { return }
            if permanent {
                try db.execute(sql: "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                               arguments: [error, outboxID.rawValue])
                if item.kind == .ack {
                    try db.execute(sql: "UPDATE tickets SET ack_status = 'failed' WHERE id = ? AND ack_status = 'pending'",
                                   arguments: [item.ticketID.rawValue])
                    try Self.insertEvent(db, item.ticketID, .ackFailed, at: at, detail: error)
                }
            } else {
                try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                               arguments: [error, nextAttempt, outboxID.rawValue])
            }
        }
    }
}
