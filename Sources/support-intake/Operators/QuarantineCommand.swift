import ArgumentParser
import Foundation
import Intake
import TicketStore

/// `support-intake quarantine list|show|release`.
struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "Mail that could not become a ticket: list, show, release.",
        subcommands: [QuarantineListCommand.self, QuarantineShowCommand.self, QuarantineReleaseCommand.self],
        defaultSubcommand: QuarantineListCommand.self)
}

/// A quarantine entry number.
struct QuarantineNumber: ExpressibleByArgument, Sendable {
    let id: QuarantineID
    init?(argument: String) {
        guard let value = Int64(argument.trimmingCharacters(in: CharacterSet(charactersIn: "# "))), value > 0 else { return nil }
        id = QuarantineID(value)
    }
}

/// `support-intake quarantine list [--all]`.
struct QuarantineListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List quarantined mail, newest first.")

    @OptionGroup var options: OperatorOptions

    @Flag(help: "Include released entries.")
    var all = false

    func run() async throws {
        let store = try options.openStore(try options.configuration())
        do {
            let items = try store.quarantineList(includeReleased: all)
            options.emit(json: .array(items.map(QuarantineView.json)), text: QuarantineView.table(items, format: OperatorTimeFormat()))
        } catch {
            throw OperatorConsole.fail(error)
        }
    }
}

/// `support-intake quarantine show ID`.
struct QuarantineShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a quarantined mail's reason, place and header field names (never its content).")

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The entry number.")
    var id: QuarantineNumber

    func run() async throws {
        let store = try options.openStore(try options.configuration())
        do {
            guard let item = try store.quarantineItem(id.id) else {
                throw OperatorConsole.fail(StoreError(.notFound, "quarantine entry \(id.id) not found"))
            }
            options.emit(json: QuarantineView.json(item), text: QuarantineView.text(item, format: OperatorTimeFormat()))
        } catch let error as StoreError {
            throw OperatorConsole.fail(error)
        }
    }
}

/// `support-intake quarantine release ID`.
struct QuarantineReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release a quarantined mail: the daemon processes it as a normal mail on its next pass.",
        discussion: """
            Only entries whose bytes are stored can be released (a mail too large to fetch stays on the server: \
            raise intake.max_message_bytes instead). If processing fails again, the entry returns to the \
            quarantine with the new reason in its detail.
            """)

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The entry number.")
    var id: QuarantineNumber

    func run() async throws {
        let store = try options.openStore(try options.configuration())
        do {
            let item = try store.releaseQuarantine(id.id, at: Date())
            options.emit(json: QuarantineView.json(item),
                         text: "Quarantine entry \(item.id.rawValue) released; the daemon processes it on its next pass.\n")
        } catch {
            throw OperatorConsole.fail(error)
        }
    }
}
