import Foundation
import GRDB
import Tickets

extension TicketStore {
    /// The response report for tickets received in [`since`, `until`), with open tickets'
    /// time left measured at `now`.
    public func report(since: Date?, until: Date?, now: Date) throws(StoreError) -> ResponseReport {
        try read { db in
            var clauses: [String] = []
            var arguments = StatementArguments()
            if let since { clauses.append("received_at >= ?"); arguments += [since] }
            if let until { clauses.append("received_at < ?"); arguments += [until] }
            let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let tickets = try Row.fetchAll(db, sql: "SELECT * FROM tickets \(whereClause)", arguments: arguments).map(Self.ticket(from:))

            var lines: [ResponseReport.Line] = []
            let grouped = Dictionary(grouping: tickets) { "\($0.plan.rawValue)|\($0.priority.rawValue)" }
            for plan in Plan.allCases {
                for priority in Priority.allCases {
                    guard let group = grouped["\(plan.rawValue)|\(priority.rawValue)"] else { continue }
                    let responses = group.compactMap(\.responseSeconds).sorted()
                    let met = group.filter { $0.responseMet == true }.count
                    let breached = group.filter { $0.responseMet == false || ($0.acknowledgedAt == nil && $0.ackStatus != .skipped && $0.dueAt <= now) }.count
                    let agents = group.compactMap(\.agentResponseSeconds).sorted()
                    lines.append(ResponseReport.Line(
                        plan: plan, priority: priority, tickets: group.count, acknowledged: responses.count, met: met,
                        breached: breached,
                        compliancePercent: met + breached == 0 ? nil : Double(met) * 100 / Double(met + breached),
                        p50Seconds: Self.percentile(responses, 50), p90Seconds: Self.percentile(responses, 90),
                        maxSeconds: responses.last, agentP50Seconds: Self.percentile(agents, 50), agentResponded: agents.count))
                }
            }

            let pending = tickets.filter { $0.status == .open && ($0.ackStatus == .pending || $0.ackStatus == .failed) }
                .sorted { $0.dueAt < $1.dueAt }
                .map { ResponseReport.Pending(ticket: $0, secondsLeft: Int($0.dueAt.timeIntervalSince(now).rounded(.down))) }

            var surveyClauses = ["o.kind = 'survey'", "o.status = 'sent'"]
            var surveyArguments = StatementArguments()
            if let since { surveyClauses.append("o.sent_at >= ?"); surveyArguments += [since] }
            if let until { surveyClauses.append("o.sent_at < ?"); surveyArguments += [until] }
            let sent = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox o WHERE \(surveyClauses.joined(separator: " AND "))",
                                        arguments: surveyArguments) ?? 0
            let latest = try Int.fetchAll(db, sql: """
                SELECT a.rating FROM survey_answers a JOIN tickets t ON t.id = a.ticket_id
                WHERE a.id = (SELECT id FROM survey_answers WHERE ticket_id = a.ticket_id ORDER BY answered_at DESC, id DESC LIMIT 1)
                \(clauses.isEmpty ? "" : "AND " + clauses.map { "t." + $0 }.joined(separator: " AND "))
                """, arguments: arguments)
            let surveys = ResponseReport.Surveys(
                sent: sent, answered: latest.count,
                averageRating: latest.isEmpty ? nil : Double(latest.reduce(0, +)) / Double(latest.count),
                percentFourOrFive: latest.isEmpty ? nil : Double(latest.filter { $0 >= 4 }.count) * 100 / Double(latest.count))
            return ResponseReport(since: since, until: until, lines: lines, pending: pending, surveys: surveys)
        }
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Int], _ p: Int) -> Int? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((Double(p) / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
