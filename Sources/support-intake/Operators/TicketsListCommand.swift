import ArgumentParser
import Foundation
import Intake
import Tickets
import TicketStore

/// `support-intake tickets list [--status open|resolved] [--priority P1..P4] [--plan NAME]
/// [--breached] [--since DATE] [--until DATE] [--limit N]`.
struct TicketsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List tickets, newest first.",
        discussion: """
            JSON (--json): an array of objects with the keys id, status, priority, plan, customer, subject, \
            received_at, acknowledged_at, response_seconds, response_target_seconds, response_met (bool|null), \
            resolved_at, satisfaction ({rating, comment}|null), messages. DATE: 2026-11-24, "2026-11-24 14:30", \
            ISO 8601, or a time ago (36h, 7d).
            """)

    @OptionGroup var options: OperatorOptions

    @Option(help: "open or resolved.")
    var status: String?

    @Option(help: "P1, P2, P3 or P4.")
    var priority: String?

    @Option(help: "pro, business, api, education or free.")
    var plan: String?

    @Flag(help: "Only tickets whose acknowledgement missed the target, or that are past due without one.")
    var breached = false

    @Option(help: "Received at or after DATE.")
    var since: OperatorDateArgument?

    @Option(help: "Received before DATE.")
    var until: OperatorDateArgument?

    @Option(help: "At most N tickets.")
    var limit: Int?

    func validate() throws {
        if let status, StoredTicket.Status(rawValue: status.lowercased()) == nil {
            throw ValidationError("--status must be open or resolved")
        }
        if let priority, Priority(code: priority) == nil { throw ValidationError("--priority must be P1, P2, P3 or P4") }
        if let plan, Plan(rawValue: plan.lowercased()) == nil {
            throw ValidationError("--plan must be one of \(Plan.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let configuration = try options.configuration()
        let store = try options.openStore(configuration)
        let filter = TicketFilter(
            status: status.flatMap { StoredTicket.Status(rawValue: $0.lowercased()) }, priority: priority.flatMap(Priority.init(code:)),
            plan: plan.flatMap { Plan(rawValue: $0.lowercased()) }, breachedOnly: breached, since: since?.date, until: until?.date,
            limit: limit)
        let now = Date()
        do {
            var tickets = try store.listTickets(filter)
            if breached {
                // The store marks tickets breached once the SLA watcher logged it; a ticket past due
                // without an acknowledgement is breached now even before the watcher's next pass.
                let extra = try store.listTickets(TicketFilter(status: filter.status, priority: filter.priority, plan: filter.plan,
                                                               since: filter.since, until: filter.until))
                    .filter { $0.ticket.acknowledgedAt == nil && $0.ticket.ackStatus != .skipped && $0.ticket.dueAt <= now }
                let known = Set(tickets.map(\.ticket.id))
                tickets += extra.filter { !known.contains($0.ticket.id) }
                tickets.sort { ($0.ticket.receivedAt, $0.ticket.id) > ($1.ticket.receivedAt, $1.ticket.id) }
                if let limit { tickets = Array(tickets.prefix(limit)) }
            }
            options.emit(json: TicketListView.json(tickets), text: TicketListView.table(tickets, format: OperatorTimeFormat(), now: now))
        } catch {
            throw OperatorConsole.fail(error)
        }
    }
}
