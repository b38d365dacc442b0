import ArgumentParser
import Foundation
import Intake
import Tickets
import TicketStore

/// `support-intake tickets show ID`.
struct TicketsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a ticket: its mails in order, its timing log, its survey.")

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The ticket number (123 or #123).")
    var id: TicketNumber

    func run() async throws {
        let configuration = try options.configuration()
        let store = try options.openStore(configuration)
        do {
            guard let detail = try TicketDetailView.load(id.ticketID, from: store) else {
                throw OperatorConsole.fail(StoreError(.notFound, "ticket \(id.ticketID) not found"))
            }
            options.emit(json: detail.json(), text: detail.text(format: OperatorTimeFormat(), now: Date()))
        } catch let error as StoreError {
            throw OperatorConsole.fail(error)
        }
    }
}

/// A ticket number on the command line: `123`, `#123` or `[#123]`.
struct TicketNumber: ExpressibleByArgument, Sendable {
    let ticketID: TicketID
    init?(argument: String) {
        let digits = argument.trimmingCharacters(in: CharacterSet(charactersIn: "[]# "))
        guard let value = Int64(digits), value > 0 else { return nil }
        ticketID = TicketID(value)
    }
}
