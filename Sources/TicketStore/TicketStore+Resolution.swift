import Foundation
import GRDB
import Tickets

extension TicketStore {
    /// Marks an open ticket resolved (a `resolved` event) and, when `survey` is given, queues the
    /// satisfaction survey in the same transaction. Resolving a resolved ticket is refused.
    @discardableResult
    public func resolve(ticketID: TicketID, comment: String?, at: Date, survey: OutgoingMailRequest?) throws(StoreError) -> OutboxID? {
        try write { db in
            guard let ticket = try Self.fetchTicket(db, ticketID) else { throw StoreError(.notFound, "ticket \(ticketID) not found") }
            guard ticket.status == .open else { throw StoreError(.invalidState, "ticket \(ticketID) is already resolved") }
            try db.execute(sql: "UPDATE tickets SET status = 'resolved', resolved_at = ?, resolution_comment = ? WHERE id = ?",
                           arguments: [at, comment, ticketID.rawValue])
            try Self.insertEvent(db, ticketID, .resolved, at: at, detail: comment)
            guard let survey else { return nil }
            let outboxID = try Self.insertOutbox(db, .survey, ticket: ticketID, survey, at: at)
            try db.execute(sql: "INSERT INTO surveys (ticket_id, outbox_id, customer, queued_at) VALUES (?, ?, ?, ?)",
                           arguments: [ticketID.rawValue, outboxID.rawValue, ticket.customer, at])
            try Self.insertEvent(db, ticketID, .surveyQueued, at: at)
            return outboxID
        }
    }

    /// Reopens a resolved ticket (a `reopened` event). Reopening an open ticket is refused.
    public func reopen(ticketID: TicketID, at: Date, reason: String) throws(StoreError) {
        try write { db in
            guard let ticket = try Self.fetchTicket(db, ticketID) else { throw StoreError(.notFound, "ticket \(ticketID) not found") }
            guard ticket.status == .resolved else { throw StoreError(.invalidState, "ticket \(ticketID) is open") }
            try Self.reopen(db, ticketID, at: at, detail: reason)
        }
    }

    /// When the last survey to `customer` was queued: the throttle of one survey per
    /// `satisfaction.min_days_between`.
    public func lastSurveyQueued(customer: String) throws(StoreError) -> Date? {
        try read { db in
            try Date.fetchOne(db, sql: "SELECT max(queued_at) FROM surveys WHERE customer = ? COLLATE NOCASE", arguments: [customer])
        }
    }

    /// Records a survey rating (1…5) outside the intake (an operator entering an answer). A later
    /// answer replaces the rating shown; every answer is kept.
    public func recordSurveyAnswer(ticketID: TicketID, rating: Int, comment: String?, at: Date) throws(StoreError) {
        guard (1...5).contains(rating) else { throw StoreError(.invalidState, "rating \(rating) is not between 1 and 5") }
        try write { db in
            guard try Self.fetchTicket(db, ticketID) != nil else { throw StoreError(.notFound, "ticket \(ticketID) not found") }
            try Self.insertSurveyAnswer(db, ticketID, messageRow: nil, rating: rating, comment: comment, at: at)
        }
    }

    /// Every survey answer of a ticket, oldest first (the last one counts).
    public func surveyAnswers(ticketID: TicketID) throws(StoreError) -> [SurveyAnswer] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM survey_answers WHERE ticket_id = ? ORDER BY answered_at, id",
                             arguments: [ticketID.rawValue]).map {
                SurveyAnswer(ticketID: ticketID, rating: $0["rating"], comment: $0["comment"], answeredAt: $0["answered_at"])
            }
        }
    }

    /// Records an agent's reply to a ticket; the first one sets the ticket's first human response.
    public func recordAgentResponse(ticketID: TicketID, agent: String, at: Date) throws(StoreError) {
        try write { db in
            guard try Self.fetchTicket(db, ticketID) != nil else { throw StoreError(.notFound, "ticket \(ticketID) not found") }
            try Self.recordAgentResponse(db, ticketID, agent: agent, at: at)
        }
    }

    static func reopen(_ db: Database, _ id: TicketID, at: Date, detail: String) throws {
        try db.execute(sql: "UPDATE tickets SET status = 'open', resolved_at = NULL WHERE id = ?", arguments: [id.rawValue])
        try insertEvent(db, id, .reopened, at: at, detail: detail)
    }

    static func insertSurveyAnswer(_ db: Database, _ id: TicketID, messageRow: Int64?, rating: Int, comment: String?, at: Date) throws {
        try db.execute(sql: "INSERT INTO survey_answers (ticket_id, message_row_id, rating, comment, answered_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id.rawValue, messageRow, rating, comment, at])
        try insertEvent(db, id, .surveyAnswered, at: at, detail: "rating=\(rating)")
    }

    static func recordAgentResponse(_ db: Database, _ id: TicketID, agent: String, at: Date) throws {
        guard let ticket = try fetchTicket(db, id), ticket.agentResponseAt == nil else { return }
        let seconds = max(0, Int(at.timeIntervalSince(ticket.receivedAt).rounded(.down)))
        try db.execute(sql: "UPDATE tickets SET agent_response_at = ?, agent = ?, agent_response_seconds = ? WHERE id = ?",
                       arguments: [at, agent, seconds, id.rawValue])
        try insertEvent(db, id, .agentResponse, at: at, detail: agent)
    }
}
