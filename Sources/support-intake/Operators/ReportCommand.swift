import ArgumentParser
import Foundation
import Intake
import TicketStore

/// `support-intake report [--since DATE] [--until DATE]`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "How the team meets its response targets, per plan and priority, and the surveys.",
        discussion: """
            Per plan × priority: tickets, acknowledged, met, breached, compliance % (met / (met + breached)), \
            p50/p90/max time to the acknowledgement and the median time to the first agent reply; the open \
            tickets still owed an acknowledgement with their time left; surveys sent, answered, average \
            rating and the share rated 4–5. DATE as in `tickets list`.
            """)

    @OptionGroup var options: OperatorOptions

    @Option(help: "Tickets received at or after DATE (default: all).")
    var since: OperatorDateArgument?

    @Option(help: "Tickets received before DATE (default: now).")
    var until: OperatorDateArgument?

    func validate() throws {
        if let since, let until, since.date >= until.date { throw ValidationError("--since must be before --until") }
    }

    func run() async throws {
        let configuration = try options.configuration()
        let store = try options.openStore(configuration)
        let now = Date()
        do {
            let report = try store.report(since: since?.date, until: until?.date, now: now)
            let targets = ReportView.targets(try store.listTickets(TicketFilter(since: since?.date, until: until?.date)).map(\.ticket))
            options.emit(json: ReportView.json(report, targets: targets, now: now),
                         text: ReportView.text(report, targets: targets, format: OperatorTimeFormat(), now: now))
        } catch {
            throw OperatorConsole.fail(error)
        }
    }
}
