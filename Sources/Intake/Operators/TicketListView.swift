import Foundation
import Tickets
import TicketStore

/// `support-intake tickets list`: the JSON array and the terminal table of a list of tickets.
public enum TicketListView {
    /// The JSON keys of one ticket, exactly (the documented contract of `tickets list --json`).
    public static let jsonKeys: Set<String> = [
        "id", "status", "priority", "plan", "customer", "subject", "received_at", "acknowledged_at",
        "response_seconds", "response_target_seconds", "response_met", "resolved_at", "satisfaction", "messages",
    ]

    /// One ticket as a JSON object with ``jsonKeys``; times ISO 8601 UTC, absent values `null`.
    public static func json(_ summary: TicketSummary) -> JSONNode {
        let ticket = summary.ticket
        return .object([
            "id": .int(Int(ticket.id.rawValue)),
            "status": .string(ticket.status.rawValue),
            "priority": .string(ticket.priority.code),
            "plan": .string(ticket.plan.rawValue),
            "customer": .string(ticket.customer),
            "subject": .string(ticket.subject),
            "received_at": OperatorTimeFormat.json(ticket.receivedAt),
            "acknowledged_at": OperatorTimeFormat.json(ticket.acknowledgedAt),
            "response_seconds": .optional(ticket.responseSeconds),
            "response_target_seconds": .int(ticket.targetSeconds),
            "response_met": .optional(ticket.responseMet),
            "resolved_at": OperatorTimeFormat.json(ticket.resolvedAt),
            "satisfaction": summary.satisfaction.map { .object(["rating": .int($0.rating), "comment": .optional($0.comment)]) } ?? .null,
            "messages": .int(summary.messageCount),
        ])
    }

    /// The whole list as a JSON array.
    public static func json(_ summaries: [TicketSummary]) -> JSONNode {
        .array(summaries.map(json))
    }

    /// The terminal table: one line per ticket, times in the operator's zone.
    public static func table(_ summaries: [TicketSummary], format: OperatorTimeFormat, now: Date) -> String {
        guard !summaries.isEmpty else { return "No tickets.\n" }
        var table = TextTable([
            .init("ID", alignRight: true), .init("STATUS"), .init("PRI"), .init("PLAN"), .init("CUSTOMER", maxWidth: 28),
            .init("SUBJECT", maxWidth: 36), .init("RECEIVED", maxWidth: 30), .init("RESPONSE", maxWidth: 30),
            .init("RATING"), .init("MSGS", alignRight: true),
        ])
        for summary in summaries {
            let ticket = summary.ticket
            table.append([
                String(ticket.id.rawValue), ticket.status.rawValue, ticket.priority.code, ticket.plan.rawValue, ticket.customer,
                ticket.subject, format.terminal(ticket.receivedAt), responseCell(ticket, now: now),
                summary.satisfaction.map { "\($0.rating)/5" } ?? "—", String(summary.messageCount),
            ])
        }
        return table.render()
    }

    /// `2m 03s of 1h met`, `5h 10m of 4h BREACHED`, `pending, 42m left`, `skipped (ack_cap)`.
    public static func responseCell(_ ticket: StoredTicket, now: Date) -> String {
        let target = OperatorTimeFormat.duration(ticket.targetSeconds)
        if let seconds = ticket.responseSeconds {
            return "\(OperatorTimeFormat.duration(seconds)) of \(target) " + (ticket.responseMet == true ? "met" : "BREACHED")
        }
        switch ticket.ackStatus {
        case .skipped: return "no ack (\(ticket.ackSkipReason ?? "skipped"))"
        case .failed: return "ack FAILED" + (ticket.dueAt <= now ? ", BREACHED" : "")
        case .pending, .sent:
            let left = Int(ticket.dueAt.timeIntervalSince(now).rounded(.down))
            return left >= 0 ? "pending, \(OperatorTimeFormat.duration(left)) left" : "pending, BREACHED \(OperatorTimeFormat.duration(-left)) ago"
        }
    }
}
