import ArgumentParser
import Foundation
import Intake
import Tickets
import TicketStore

/// `support-intake tickets reopen ID`.
struct TicketsReopenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a resolved ticket.")

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The ticket number.")
    var id: TicketNumber

    func run() async throws {
        let configuration = try options.configuration()
        let store = try options.openStore(configuration)
        let resolver = TicketResolver(store: store, policy: SurveyPolicy(), messageIDDomain: configuration.messageIDDomain)
        do {
            try resolver.reopen(id.ticketID, now: Date())
            options.emit(json: .object(["id": .int(Int(id.ticketID.rawValue)), "status": .string("open")]),
                         text: "Ticket #\(id.ticketID.rawValue) reopened.\n")
        } catch {
            throw OperatorConsole.fail(error)
        }
    }
}
