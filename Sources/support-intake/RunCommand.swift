import ArgumentParser
import Intake
import Logging

/// `support-intake run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the intake daemon: poll the mailbox, create tickets, send acknowledgements.",
        discussion: """
            Logs go to standard error (logfmt or JSON, log.format). Under systemd (Type=notify) it reports \
            READY=1 after the first mailbox check, STATUS=, WATCHDOG=1 and STOPPING=1. SIGTERM/SIGINT stop \
            gracefully; SIGHUP reloads rules, plans and templates. Exit codes: 0 stopped cleanly, 78 bad \
            configuration, 77 authentication refused, 69 a server unavailable at start, 70 internal error.
            """
    )

    @OptionGroup var options: ConfigurationOptions

    @Flag(help: "Process the backlog and the outbox, then exit (for tests and cron).")
    var once = false

    func run() async throws {
        let configuration = try options.load()
        LoggingBootstrap.bootstrap(
            format: configuration.log.format, level: LoggingBootstrap.level(named: configuration.log.level) ?? .info)
        let logger = Logger(label: "support-intake")
        do {
            try await runDaemon(configuration: configuration, logger: logger, once: once)
        } catch let error as ConfigurationError {
            logger.critical("stopped", metadata: ["reason": "configuration", "error": "\(error)"])
            throw ExitCode.configuration
        } catch {
            logger.critical("stopped", metadata: ["error": "\(error)"])
            throw ExitCode(ServerFailure.exitCode(for: error))
        }
    }
}
