import ArgumentParser

/// `support-intake rules`: work with classifier rules files.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Validate or evaluate classifier rules.",
        subcommands: [RulesCheckCommand.self, RulesEvalCommand.self]
    )
}
