import Foundation
import GRDB
import MailCore
import Tickets

/// Decoding of rows into the public value types.
extension TicketStore {
    static func ticket(from row: Row) throws -> StoredTicket {
        guard let plan = Plan(rawValue: row["plan"]), let priority = Priority(rawValue: row["priority"]),
              let status = StoredTicket.Status(rawValue: row["status"]),
              let ackStatus = StoredTicket.AckStatus(rawValue: row["ack_status"])
        else { throw StoreError(.database, "ticket \(row["id"] as Int64? ?? 0) has an unknown plan, priority or status") }
        let reasonsJSON: String = row["reasons"]
        let reasons = (try? JSONDecoder().decode([String].self, from: Data(reasonsJSON.utf8))) ?? []
        return StoredTicket(
            id: TicketID(row["id"]), customer: row["customer"], customerName: row["customer_name"],
            replyAddress: row["reply_address"], plan: plan, priority: priority, reasons: reasons,
            subject: row["subject"], language: row["language"], status: status, createdAt: row["created_at"],
            receivedAt: row["received_at"], targetSeconds: row["target_seconds"], dueAt: row["due_at"],
            ackStatus: ackStatus, ackSkipReason: row["ack_skip_reason"], acknowledgedAt: row["acknowledged_at"],
            responseSeconds: row["response_seconds"], responseMet: row["response_met"], atRiskAt: row["at_risk_at"],
            breachedAt: row["breached_at"], agentResponseAt: row["agent_response_at"],
            agentResponseSeconds: row["agent_response_seconds"], agent: row["agent"], resolvedAt: row["resolved_at"],
            resolutionComment: row["resolution_comment"])
    }

    static func message(from row: Row) -> StoredMessage {
        var location: MailLocation?
        if let mailbox: String = row["mailbox"], let validity: Int64 = row["uidvalidity"], let uid: Int64 = row["uid"] {
            location = MailLocation(mailbox: MailboxName(mailbox), uidValidity: UIDValidity(UInt32(truncatingIfNeeded: validity)),
                                    uid: UID(UInt32(truncatingIfNeeded: uid)))
        }
        let ticketRaw: Int64? = row["ticket_id"]
        let messageIDRaw: String? = row["message_id"]
        let direction: String = row["direction"]
        let kind: String = row["kind"]
        return StoredMessage(
            rowID: row["id"], ticketID: ticketRaw.map { TicketID($0) },
            direction: StoredMessage.Direction(rawValue: direction) ?? .incoming,
            kind: StoredMessage.Kind(rawValue: kind) ?? .automated, reason: row["reason"],
            messageID: messageIDRaw.map { MessageID($0) }, sender: row["sender"],
            subject: row["subject"], location: location, internalDate: row["internal_date"],
            recordedAt: row["recorded_at"], size: row["size"], sha256: row["sha256"])
    }

    static func outboxItem(from row: Row) -> OutboxItem {
        let references: String = row["references"]
        let messageID: String = row["message_id"]
        let inReplyTo: String? = row["in_reply_to"]
        let kind: String = row["kind"]
        let status: String = row["status"]
        return OutboxItem(
            id: OutboxID(row["id"]), kind: OutboxItem.Kind(rawValue: kind) ?? .ack,
            ticketID: TicketID(row["ticket_id"]), recipient: row["recipient"], recipientName: row["recipient_name"],
            messageID: MessageID(messageID), inReplyTo: inReplyTo.map { MessageID($0) },
            references: references.split(separator: " ").map { MessageID(String($0)) }, language: row["language"],
            status: OutboxItem.Status(rawValue: status) ?? .pending, attempts: row["attempts"],
            createdAt: row["created_at"], nextAttemptAt: row["next_attempt_at"], lastError: row["last_error"],
            sentAt: row["sent_at"])
    }

    static func quarantineItem(from row: Row) -> QuarantineItem {
        let validity: Int64 = row["uidvalidity"]
        let uid: Int64 = row["uid"]
        let raw: Data = row["raw"]
        return QuarantineItem(
            id: QuarantineID(row["id"]),
            location: MailLocation(mailbox: MailboxName(row["mailbox"] as String),
                                   uidValidity: UIDValidity(UInt32(truncatingIfNeeded: validity)),
                                   uid: UID(UInt32(truncatingIfNeeded: uid))),
            reason: QuarantineItem.Reason(rawValue: row["reason"]) ?? .invalid, detail: row["detail"],
            raw: [UInt8](raw), size: row["size"], sha256: row["sha256"], internalDate: row["internal_date"],
            quarantinedAt: row["quarantined_at"], releasedAt: row["released_at"])
    }

    static func fetchTicket(_ db: Database, _ id: TicketID) throws -> StoredTicket? {
        try Row.fetchOne(db, sql: "SELECT * FROM tickets WHERE id = ?", arguments: [id.rawValue]).map(ticket(from:))
    }

    static func insertEvent(_ db: Database, _ ticket: TicketID, _ kind: SLAEvent.Kind, at: Date, detail: String? = nil) throws {
        try db.execute(sql: "INSERT INTO sla_events (ticket_id, kind, at, detail) VALUES (?, ?, ?, ?)",
                       arguments: [ticket.rawValue, kind.rawValue, at, detail])
    }
}
