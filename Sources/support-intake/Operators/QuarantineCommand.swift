import ArgumentParser
import Foundation
import Intake
import Logging
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
        abstract: "Release a quarantined mail and process it now as a normal mail.",
        discussion: """
            The mail goes through the daemon's intake (threading, automation checks, classification) with the             configuration's rules, plans and templates; its acknowledgement, if owed, is sent by the running daemon.             Only entries whose bytes are stored can be released (a mail too large to fetch stays on the server: raise             intake.max_message_bytes instead). A mail that still cannot be processed returns to the quarantine with             the new reason (exit 65).
            """)

    @OptionGroup var options: OperatorOptions

    @Argument(help: "The entry number.")
    var id: QuarantineNumber

    func run() async throws {
        let configuration = try options.configuration()
        let store = try options.openStore(configuration)
        guard let processing = configuration.processing else {
            OperatorConsole.error("configuration error: smtp.from is required to process a released mail")
            throw ExitCode.configuration
        }
        let outcome: QuarantineRelease.Outcome
        do {
            outcome = try QuarantineRelease.releaseAndProcess(id.id, store: store, configuration: processing,
                                                              logger: Logger(label: "support-intake.operator") { _ in SwiftLogNoOpLogHandler() })
        } catch {
            throw OperatorConsole.fail(error)
        }
        var text = "Quarantine entry \(id.id) released: "
        switch outcome.result {
        case "ticket_created": text += "ticket #\(outcome.ticketID ?? 0) created (the daemon sends its acknowledgement).\n"
        case "added_to_ticket": text += "added to ticket #\(outcome.ticketID ?? 0).\n"
        case "duplicate": text += "already stored (duplicate)\(outcome.ticketID.map { " of ticket #\($0)" } ?? "").\n"
        case "kept_without_ticket": text += "kept without a ticket (automated or our own mail).\n"
        default: text += "still cannot be processed (\(outcome.reason ?? "?")); back in the quarantine.\n"
        }
        let failed = outcome.result == "quarantined_again"
        if failed && !options.json {
            OperatorConsole.error(text.trimmingCharacters(in: .newlines))
        } else {
            options.emit(json: .object(["id": .int(Int(id.id.rawValue)), "outcome": outcome.json]), text: text)
        }
        if failed { throw ExitCode.dataError }
    }
}
