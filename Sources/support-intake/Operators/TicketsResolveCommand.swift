import ArgumentParser
import Foundation
import Intake
import Tickets
import TicketStore

/// `support-intake tickets resolve ID [--comment TEXT]`.
struct TicketsResolveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Mark a ticket resolved and queue its satisfaction survey.",
        discussion: """
            The survey goes to the customer in their language after satisfaction.delay, at most one per customer \
            every satisfaction.min_days_between days and never to an automated address; the running daemon sends it.
            """)

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The ticket number.")
    var id: TicketNumber

    @Option(help: "A resolution note, kept with the ticket (not sent to the customer).")
    var comment: String?

    func run() async throws {
        let configuration = try options.configuration()
        let store = try options.openStore(configuration)
        let resolver = TicketResolver(
            store: store,
            policy: SurveyPolicy(delaySeconds: configuration.satisfaction.delaySeconds, minDaysBetween: configuration.satisfaction.minDaysBetween),
            messageIDDomain: configuration.messageIDDomain)
        do {
            let outcome = try resolver.resolve(id.ticketID, comment: comment, now: Date())
            var text = "Ticket #\(id.ticketID.rawValue) resolved; "
            if let notBefore = outcome.surveyNotBefore {
                text += "survey queued (sent from \(OperatorTimeFormat().terminal(notBefore)) by the daemon).\n"
            } else {
                text += "no survey (\(outcome.surveySkipReason ?? "skipped")).\n"
            }
            options.emit(json: outcome.json, text: text)
        } catch {
            throw OperatorConsole.fail(error)
        }
    }
}
