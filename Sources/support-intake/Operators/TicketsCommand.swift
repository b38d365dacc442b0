import ArgumentParser

/// `support-intake tickets list|show|resolve|reopen`.
struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "List, show, resolve and reopen tickets.",
        subcommands: [TicketsListCommand.self, TicketsShowCommand.self, TicketsResolveCommand.self, TicketsReopenCommand.self],
        defaultSubcommand: TicketsListCommand.self)
}
