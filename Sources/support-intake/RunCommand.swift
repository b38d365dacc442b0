import ArgumentParser
import Intake
import Logging

/// `support-intake run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the intake daemon: poll the mailbox, create tickets, send acknowledgements.",
        discussion: """
            Logs go to standard error (logfmt or JSON, log.format, at log.level). Under systemd \
            (Type=notify) it reports READY=1 after the first mailbox check, STATUS=, WATCHDOG=1 and \
            STOPPING=1. SIGTERM/SIGINT stop gracefully; SIGHUP re-reads the configuration file and applies \
            its rules, plans, templates and log.level (a bad file keeps the running settings). Exit codes: \
            0 stopped cleanly, 78 bad configuration, rules or templates, 77 authentication refused, \
            69 a server unavailable, 73/74 the database cannot be opened / failed, 70 internal error.
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
        let path = options.resolvedPath
        do {
            try await runDaemon(
                configuration: configuration, logger: logger, once: once, notifier: SystemdStateNotifier(),
                reloadConfiguration: {
                    let reloaded = try ConfigurationLoader.load(path: path)
                    if let level = LoggingBootstrap.level(named: reloaded.log.level) {
                        LoggingBootstrap.level.level = level
                    }
                    return reloaded
                })
        } catch {
            logger.critical("stopped", metadata: ["error": "\(error)"])
            throw ExitCode(ServerFailure.exitCode(for: error))
        }
    }
}
