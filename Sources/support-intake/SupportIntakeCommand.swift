import ArgumentParser

/// `support-intake`: the daemon and its operator tools.
@main
struct SupportIntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "support-intake",
        abstract: "Turns a support mailbox into tickets: IMAP intake, priorities, acknowledgements over SMTP.",
        discussion: """
            Exit codes follow sysexits(3): 0 success, 1 a check found problems, 64 usage, 65 bad input \
            data, 66 an input file cannot be read, 69 a server is unavailable, 70 internal error, 73 the \
            database cannot be opened, 74 database error, 75 temporary failure, 76 protocol error from a \
            server, 77 authentication refused, 78 configuration error.
            """,
        subcommands: [RunCommand.self, CheckCommand.self, ClassifyCommand.self, RulesCommand.self,
                      TicketsCommand.self, ReportCommand.self, QuarantineCommand.self]
    )
}
