import Foundation
import GRDB
import MailCore
import Tickets

extension TicketStore {
    /// Commits one incoming mail in a single transaction: the message row with its raw bytes, the
    /// new ticket or the follow-up, the acknowledgement's outbox row, the SLA events, and the
    /// mailbox cursor. Either all of it is stored or none of it.
    ///
    /// The same mail seen again (same Message-ID, or same SHA-256 when it has none; or the same
    /// (mailbox, UIDVALIDITY, UID)) is not stored twice: only the cursor moves, and the outcome
    /// is ``IntakeOutcome/duplicate(_:)``. This is what makes a UIDVALIDITY rescan re-acknowledge
    /// nothing.
    public func recordIntake(_ record: IntakeRecord) throws(StoreError) -> IntakeOutcome {
        let sha = SHA256.hex(record.raw)
        return try write { db in
            if let duplicate = try Self.findDuplicate(db, location: record.location, messageID: record.messageID, sha256: sha) {
                try Self.advanceCursor(db, record.location, at: record.recordedAt)
                return .duplicate(duplicate)
            }
            let outcome: IntakeOutcome
            func insertMessage(_ ticket: TicketID?, _ kind: StoredMessage.Kind, reason: String? = nil) throws -> Int64 {
                try db.execute(sql: """
                    INSERT INTO messages (ticket_id, direction, kind, reason, message_id, sender, subject, mailbox,
                                          uidvalidity, uid, internal_date, recorded_at, raw, size, sha256)
                    VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [ticket?.rawValue, kind.rawValue, reason, record.messageID?.rawValue, record.sender,
                                     record.subject, record.location.mailbox.rawValue,
                                     Int64(record.location.uidValidity.rawValue), Int64(record.location.uid.rawValue),
                                     record.internalDate, record.recordedAt, Data(record.raw), record.raw.count, sha])
                return db.lastInsertedRowID
            }
            switch record.disposition {
            case let .newTicket(ticket, acknowledgement, skipReason):
                let reasons = String(decoding: try JSONEncoder().encode(ticket.reasons), as: UTF8.self)
                let due = record.internalDate.addingTimeInterval(TimeInterval(ticket.targetSeconds))
                let ackStatus = acknowledgement == nil ? "skipped" : "pending"
                let skip = acknowledgement == nil ? (skipReason ?? "not_owed") : nil
                try db.execute(sql: """
                    INSERT INTO tickets (customer, customer_name, reply_address, plan, priority, reasons, subject, language,
                                         status, created_at, received_at, target_seconds, due_at, ack_status, ack_skip_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)
                    """, arguments: [ticket.customer, ticket.customerName, ticket.replyAddress, ticket.plan.rawValue,
                                     ticket.priority.rawValue, reasons, ticket.subject, ticket.language, record.recordedAt,
                                     record.internalDate, ticket.targetSeconds, due, ackStatus, skip])
                let id = TicketID(db.lastInsertedRowID)
                _ = try insertMessage(id, .ticket)
                try Self.insertEvent(db, id, .received, at: record.internalDate)
                var outboxID: OutboxID?
                if let acknowledgement {
                    outboxID = try Self.insertOutbox(db, .ack, ticket: id, acknowledgement, at: record.recordedAt)
                } else {
                    try Self.insertEvent(db, id, .ackSkipped, at: record.recordedAt, detail: skip)
                }
                outcome = .ticketCreated(id, outboxID: outboxID)
            case let .followUp(id, reopen):
                guard let ticket = try Self.fetchTicket(db, id) else { throw StoreError(.notFound, "ticket \(id) not found") }
                _ = try insertMessage(id, .followup)
                try Self.insertEvent(db, id, .followup, at: record.internalDate)
                var reopened = false
                if reopen, ticket.status == .resolved {
                    try Self.reopen(db, id, at: record.recordedAt, detail: "customer reply")
                    reopened = true
                }
                outcome = .addedToTicket(id, reopened: reopened)
            case let .surveyAnswer(id, rating, comment):
                guard try Self.fetchTicket(db, id) != nil else { throw StoreError(.notFound, "ticket \(id) not found") }
                let row = try insertMessage(id, .surveyAnswer)
                if let rating {
                    try Self.insertSurveyAnswer(db, id, messageRow: row, rating: rating, comment: comment, at: record.internalDate)
                }
                outcome = .addedToTicket(id, reopened: false)
            case let .agentResponse(id, agent):
                guard try Self.fetchTicket(db, id) != nil else { throw StoreError(.notFound, "ticket \(id) not found") }
                _ = try insertMessage(id, .agent, reason: agent)
                try Self.recordAgentResponse(db, id, agent: agent, at: record.internalDate)
                outcome = .addedToTicket(id, reopened: false)
            case let .bounce(id, reason):
                _ = try insertMessage(id, .bounce, reason: reason)
                if let id {
                    try Self.insertEvent(db, id, .bounce, at: record.internalDate, detail: reason)
                    outcome = .addedToTicket(id, reopened: false)
                } else {
                    outcome = .keptWithoutTicket
                }
            case let .automated(id, reason):
                _ = try insertMessage(id, .automated, reason: reason)
                outcome = id.map { .addedToTicket($0, reopened: false) } ?? .keptWithoutTicket
            case let .ownMail(id):
                _ = try insertMessage(id, .own)
                outcome = id.map { .addedToTicket($0, reopened: false) } ?? .keptWithoutTicket
            }
            try Self.advanceCursor(db, record.location, at: record.recordedAt)
            return outcome
        }
    }

    /// The ticket and kind of the stored message (ours or theirs, sent or queued) with this
    /// Message-ID, for threading by In-Reply-To/References.
    public func knownMessage(messageID: MessageID) throws(StoreError) -> KnownMessage? {
        try read { db in
            if let row = try Row.fetchOne(db, sql: """
                SELECT ticket_id, kind, direction FROM messages WHERE message_id = ?
                ORDER BY (ticket_id IS NULL), id LIMIT 1
                """, arguments: [messageID.rawValue]) {
                return KnownMessage(ticketID: (row["ticket_id"] as Int64?).map { TicketID($0) },
                                    kind: StoredMessage.Kind(rawValue: row["kind"]) ?? .automated,
                                    direction: StoredMessage.Direction(rawValue: row["direction"]) ?? .incoming)
            }
            if let row = try Row.fetchOne(db, sql: "SELECT ticket_id, kind FROM outbox WHERE message_id = ?",
                                          arguments: [messageID.rawValue]) {
                let kind: String = row["kind"]
                return KnownMessage(ticketID: TicketID(row["ticket_id"]), kind: kind == "survey" ? .survey : .ack,
                                    direction: .outgoing)
            }
            return nil
        }
    }

    /// The ticket a Message-ID belongs to, when any stored or queued message has it.
    public func ticket(forMessageID messageID: MessageID) throws(StoreError) -> TicketID? {
        try knownMessage(messageID: messageID)?.ticketID
    }

    /// How many acknowledgements were queued to `recipient` since `since` (the per-sender cap that
    /// stops mail loops the headers do not reveal).
    public func ackCount(recipient: String, since: Date) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND recipient = ? COLLATE NOCASE AND created_at >= ?",
                             arguments: [recipient, since]) ?? 0
        }
    }

    static func findDuplicate(_ db: Database, location: MailLocation, messageID: MessageID?, sha256: String) throws -> TicketID?? {
        let row: Row?
        if let byLocation = try Row.fetchOne(db, sql: "SELECT ticket_id FROM messages WHERE mailbox = ? AND uidvalidity = ? AND uid = ?",
                                             arguments: [location.mailbox.rawValue, Int64(location.uidValidity.rawValue), Int64(location.uid.rawValue)]) {
            row = byLocation
        } else if let messageID {
            row = try Row.fetchOne(db, sql: "SELECT ticket_id FROM messages WHERE direction = 'in' AND message_id = ? ORDER BY id LIMIT 1",
                                   arguments: [messageID.rawValue])
        } else {
            row = try Row.fetchOne(db, sql: "SELECT ticket_id FROM messages WHERE direction = 'in' AND sha256 = ? ORDER BY id LIMIT 1",
                                   arguments: [sha256])
        }
        guard let row else { return nil }
        return .some((row["ticket_id"] as Int64?).map { TicketID($0) })
    }

    static func insertOutbox(_ db: Database, _ kind: OutboxItem.Kind, ticket: TicketID, _ request: OutgoingMailRequest, at: Date) throws -> OutboxID {
        try db.execute(sql: """
            INSERT INTO outbox (kind, ticket_id, recipient, recipient_name, message_id, in_reply_to, "references",
                                language, status, attempts, created_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
            """, arguments: [kind.rawValue, ticket.rawValue, request.recipient, request.recipientName,
                             request.messageID.rawValue, request.inReplyTo?.rawValue,
                             request.references.map(\.rawValue).joined(separator: " "), request.language, at,
                             max(at, request.notBefore)])
        return OutboxID(db.lastInsertedRowID)
    }
}
