import Foundation
import GRDB
import Tickets

extension TicketStore {
    /// One ticket.
    public func ticket(id: TicketID) throws(StoreError) -> StoredTicket? {
        try read { db in try Self.fetchTicket(db, id) }
    }

    /// Tickets matching `filter`, newest first, with message counts and latest satisfaction.
    public func listTickets(_ filter: TicketFilter = TicketFilter()) throws(StoreError) -> [TicketSummary] {
        try read { db in
            var clauses: [String] = []
            var arguments = StatementArguments()
            if let status = filter.status { clauses.append("t.status = ?"); arguments += [status.rawValue] }
            if let priority = filter.priority { clauses.append("t.priority = ?"); arguments += [priority.rawValue] }
            if let plan = filter.plan { clauses.append("t.plan = ?"); arguments += [plan.rawValue] }
            if let since = filter.since { clauses.append("t.received_at >= ?"); arguments += [since] }
            if let until = filter.until { clauses.append("t.received_at < ?"); arguments += [until] }
            if filter.breachedOnly { clauses.append("(t.response_met = 0 OR t.breached_at IS NOT NULL)") }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let limitClause = filter.limit.map { " LIMIT \(max(0, $0))" } ?? ""
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.*, (SELECT COUNT(*) FROM messages m WHERE m.ticket_id = t.id) AS message_count,
                       a.rating AS survey_rating, a.comment AS survey_comment, a.answered_at AS survey_answered_at
                FROM tickets t
                LEFT JOIN survey_answers a ON a.id = (SELECT id FROM survey_answers WHERE ticket_id = t.id
                                                      ORDER BY answered_at DESC, id DESC LIMIT 1)
                \(whereClause) ORDER BY t.received_at DESC, t.id DESC\(limitClause)
                """, arguments: arguments)
            return try rows.map { row in
                let ticket = try Self.ticket(from: row)
                var answer: SurveyAnswer?
                if let rating: Int = row["survey_rating"] {
                    answer = SurveyAnswer(ticketID: ticket.id, rating: rating, comment: row["survey_comment"], answeredAt: row["survey_answered_at"])
                }
                return TicketSummary(ticket: ticket, messageCount: row["message_count"], satisfaction: answer)
            }
        }
    }

    /// A ticket's mails (in and out), in the order they were recorded.
    public func messages(ticketID: TicketID) throws(StoreError) -> [StoredMessage] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, ticket_id, direction, kind, reason, message_id, sender, subject, mailbox, uidvalidity, uid,
                       internal_date, recorded_at, size, sha256
                FROM messages WHERE ticket_id = ? ORDER BY coalesce(internal_date, recorded_at), id
                """, arguments: [ticketID.rawValue]).map(Self.message(from:))
        }
    }

    /// The raw bytes of one stored mail.
    public func rawMessage(rowID: Int64) throws(StoreError) -> [UInt8]? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT raw FROM messages WHERE id = ?", arguments: [rowID]).map { [UInt8]($0) }
        }
    }

    /// How many tickets are open (for the systemd STATUS line).
    public func openTicketCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tickets WHERE status = 'open'") ?? 0 }
    }

    /// Mails kept without a ticket (automated, own, unmatched bounces), newest first.
    public func messagesWithoutTicket(limit: Int = 100) throws(StoreError) -> [StoredMessage] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, ticket_id, direction, kind, reason, message_id, sender, subject, mailbox, uidvalidity, uid,
                       internal_date, recorded_at, size, sha256
                FROM messages WHERE ticket_id IS NULL ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map(Self.message(from:))
        }
    }
}
