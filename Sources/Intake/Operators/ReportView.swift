import Foundation
import Tickets
import TicketStore

/// `support-intake report`: the response report as JSON and as terminal tables.
///
/// Per plan × priority: tickets, acknowledged, met, breached, compliance %, p50/p90/max response
/// (nearest rank), and the first human response (median, how many) beside it; the open tickets
/// still owed an acknowledgement with their time left; the surveys.
public enum ReportView {
    /// The keys of one `lines[]` object.
    public static let lineKeys: Set<String> = [
        "plan", "priority", "tickets", "acknowledged", "met", "breached", "compliance_percent",
        "response_p50_seconds", "response_p90_seconds", "response_max_seconds", "target_seconds",
        "agent_responded", "agent_response_p50_seconds",
    ]
    /// The keys of one `pending[]` object.
    public static let pendingKeys: Set<String> = ["id", "priority", "plan", "customer", "subject", "received_at", "due_at", "seconds_left"]
    /// The keys of `surveys`.
    public static let surveyKeys: Set<String> = ["sent", "answered", "average_rating", "percent_4_or_5"]

    /// The report as one JSON object: `since`, `until`, `generated_at`, `lines`, `totals`, `pending`, `surveys`.
    public static func json(_ report: ResponseReport, targets: [Plan: [Priority: Int]] = [:], now: Date) -> JSONNode {
        let total = totals(report)
        return .object([
            "since": OperatorTimeFormat.json(report.since),
            "until": OperatorTimeFormat.json(report.until),
            "generated_at": .string(OperatorTimeFormat.json(now)),
            "lines": .array(report.lines.map { line($0, target: targets[$0.plan]?[$0.priority]) }),
            "totals": .object([
                "tickets": .int(total.tickets), "acknowledged": .int(total.acknowledged), "met": .int(total.met),
                "breached": .int(total.breached), "compliance_percent": .optional(total.compliance),
            ]),
            "pending": .array(report.pending.map { pending in
                .object([
                    "id": .int(Int(pending.ticket.id.rawValue)), "priority": .string(pending.ticket.priority.code),
                    "plan": .string(pending.ticket.plan.rawValue), "customer": .string(pending.ticket.customer),
                    "subject": .string(pending.ticket.subject),
                    "received_at": .string(OperatorTimeFormat.json(pending.ticket.receivedAt)),
                    "due_at": .string(OperatorTimeFormat.json(pending.ticket.dueAt)), "seconds_left": .int(pending.secondsLeft),
                ])
            }),
            "surveys": .object([
                "sent": .int(report.surveys.sent), "answered": .int(report.surveys.answered),
                "average_rating": .optional(report.surveys.averageRating),
                "percent_4_or_5": .optional(report.surveys.percentFourOrFive),
            ]),
        ])
    }

    private static func line(_ line: ResponseReport.Line, target: Int?) -> JSONNode {
        .object([
            "plan": .string(line.plan.rawValue), "priority": .string(line.priority.code), "tickets": .int(line.tickets),
            "acknowledged": .int(line.acknowledged), "met": .int(line.met), "breached": .int(line.breached),
            "compliance_percent": .optional(line.compliancePercent),
            "response_p50_seconds": .optional(line.p50Seconds), "response_p90_seconds": .optional(line.p90Seconds),
            "response_max_seconds": .optional(line.maxSeconds), "target_seconds": .optional(target),
            "agent_responded": .int(line.agentResponded), "agent_response_p50_seconds": .optional(line.agentP50Seconds),
        ])
    }

    /// The target in force per plan × priority, from the tickets themselves (each ticket keeps the
    /// target it was given; the newest one per group wins when the configuration changed).
    public static func targets(_ tickets: [StoredTicket]) -> [Plan: [Priority: Int]] {
        var targets: [Plan: [Priority: Int]] = [:]
        var newest: [Plan: [Priority: Date]] = [:]
        for ticket in tickets where (newest[ticket.plan]?[ticket.priority]).map({ ticket.receivedAt > $0 }) ?? true {
            targets[ticket.plan, default: [:]][ticket.priority] = ticket.targetSeconds
            newest[ticket.plan, default: [:]][ticket.priority] = ticket.receivedAt
        }
        return targets
    }

    /// All lines added up; compliance = met / (met + breached).
    public static func totals(_ report: ResponseReport) -> (tickets: Int, acknowledged: Int, met: Int, breached: Int, compliance: Double?) {
        let tickets = report.lines.reduce(0) { $0 + $1.tickets }
        let acknowledged = report.lines.reduce(0) { $0 + $1.acknowledged }
        let met = report.lines.reduce(0) { $0 + $1.met }
        let breached = report.lines.reduce(0) { $0 + $1.breached }
        return (tickets, acknowledged, met, breached, met + breached == 0 ? nil : Double(met) * 100 / Double(met + breached))
    }

    /// `97.5%`, `—` for nil.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f%%", value)
    }

    /// The terminal text: the period, the response table, the pending tickets, the surveys.
    public static func text(_ report: ResponseReport, targets: [Plan: [Priority: Int]] = [:], format: OperatorTimeFormat, now: Date) -> String {
        var out = "Response report, tickets received "
        switch (report.since, report.until) {
        case (nil, nil): out += "at any time"
        case (let since?, nil): out += "since \(format.terminal(since))"
        case (nil, let until?): out += "before \(format.terminal(until))"
        case (let since?, let until?): out += "from \(format.terminal(since)) to \(format.terminal(until))"
        }
        out += " (as of \(format.terminal(now)))\n\n"
        if report.lines.isEmpty {
            out += "No tickets in the period.\n"
        } else {
            var table = TextTable([
                .init("PLAN"), .init("PRI"), .init("TARGET", alignRight: true), .init("TICKETS", alignRight: true),
                .init("ACKED", alignRight: true), .init("MET", alignRight: true), .init("BREACHED", alignRight: true),
                .init("COMPLIANCE", alignRight: true), .init("P50", alignRight: true), .init("P90", alignRight: true),
                .init("MAX", alignRight: true), .init("HUMAN P50", alignRight: true), .init("HUMAN", alignRight: true),
            ])
            for line in report.lines {
                table.append([
                    line.plan.rawValue, line.priority.code, OperatorTimeFormat.duration(targets[line.plan]?[line.priority]),
                    "\(line.tickets)", "\(line.acknowledged)", "\(line.met)", "\(line.breached)", percent(line.compliancePercent),
                    OperatorTimeFormat.duration(line.p50Seconds), OperatorTimeFormat.duration(line.p90Seconds),
                    OperatorTimeFormat.duration(line.maxSeconds), OperatorTimeFormat.duration(line.agentP50Seconds),
                    "\(line.agentResponded)",
                ])
            }
            let total = totals(report)
            table.append(["total", "", "", "\(total.tickets)", "\(total.acknowledged)", "\(total.met)", "\(total.breached)",
                          percent(total.compliance), "", "", "", "", ""])
            out += table.render()
            out += "P50/P90/MAX: time to the acknowledgement; HUMAN P50: time to the first agent reply (HUMAN: tickets with one).\n"
        }

        out += "\nOpen tickets not yet acknowledged (\(report.pending.count)):\n"
        if report.pending.isEmpty {
            out += "  none\n"
        } else {
            var table = TextTable([.init("ID", alignRight: true), .init("PRI"), .init("PLAN"), .init("CUSTOMER", maxWidth: 28),
                                   .init("SUBJECT", maxWidth: 36), .init("DUE", maxWidth: 30), .init("LEFT", alignRight: true)])
            for pending in report.pending {
                table.append([
                    "\(pending.ticket.id.rawValue)", pending.ticket.priority.code, pending.ticket.plan.rawValue, pending.ticket.customer,
                    pending.ticket.subject, format.terminal(pending.ticket.dueAt),
                    pending.secondsLeft >= 0 ? OperatorTimeFormat.duration(pending.secondsLeft) : "BREACHED",
                ])
            }
            out += table.render().split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        }

        let surveys = report.surveys
        out += "\nSatisfaction surveys: \(surveys.sent) sent, \(surveys.answered) answered"
        if surveys.sent > 0 { out += " (\(percent(Double(surveys.answered) * 100 / Double(surveys.sent))))" }
        if let average = surveys.averageRating {
            out += String(format: ", average %.2f/5", average) + ", \(percent(surveys.percentFourOrFive)) rated 4–5"
        }
        out += "\n"
        return out
    }
}
