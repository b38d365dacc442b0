import Foundation
import Logging
import MailCore
import MailTransport
import ServiceLifecycle
import TicketStore
import UnixSignals

/// The intake daemon assembled: the mailbox poller, the acknowledger, the SLA watcher and the
/// status reporter, sharing one store and one reloadable set of rules, plans and templates.
///
/// - ``run()``: the long-running service (SIGTERM/SIGINT: graceful shutdown, finishing the mail in
///   hand; SIGHUP: ``reload(_:)``).
/// - ``runOnce()``: the backlog and the due outbox, then return (`--once`, cron, tests).
public final class IntakeDaemon: Sendable {
    let configuration: SupportIntakeConfiguration
    let dependencies: DaemonDependencies
    let logger: Logger
    let settings: ReloadableSettings
    let state = DaemonState()
    let doorbell = Doorbell()
    let smtpHealth = SMTPHealth()
    let reloadConfiguration: (@Sendable () throws -> SupportIntakeConfiguration)?

    /// Builds the daemon. Throws when the rules file, the templates or the ticket tag are invalid.
    /// `reloadConfiguration` re-reads the configuration file on SIGHUP; without it, a reload
    /// re-reads the rules file and the templates folder named by the original configuration.
    public init(configuration: SupportIntakeConfiguration, dependencies: DaemonDependencies, logger: Logger,
                reloadConfiguration: (@Sendable () throws -> SupportIntakeConfiguration)? = nil) throws(SettingsError) {
        self.configuration = configuration
        self.dependencies = dependencies
        self.logger = logger
        self.settings = ReloadableSettings(try IntakeSettings.load(configuration))
        self.reloadConfiguration = reloadConfiguration
    }

    /// The mailbox named by `imap.url`.
    var mailbox: MailboxName { configuration.imap.mailbox }

    var processor: IntakeProcessor {
        IntakeProcessor(store: dependencies.store, settings: settings, intake: configuration.intake, clock: dependencies.clock, logger: logger)
    }

    func makePoller() -> MailboxPoller {
        MailboxPoller(mailbox: mailbox, connect: dependencies.connectMailbox, store: dependencies.store, processor: processor,
                      intake: configuration.intake, clock: dependencies.clock, logger: logger, doorbell: doorbell, state: state,
                      notifier: dependencies.notifier)
    }

    func makeAcknowledger() -> Acknowledger {
        Acknowledger(store: dependencies.store, connectSender: dependencies.connectSender, settings: settings, clock: dependencies.clock,
                     logger: logger, doorbell: doorbell, health: smtpHealth)
    }

    func makeSLAWatcher() -> SLAWatcher {
        SLAWatcher(store: dependencies.store, clock: dependencies.clock, logger: logger)
    }

    /// Processes the mailbox backlog and every outbox row due, checks the SLA once, then returns.
    /// Throws when the mailbox cannot be read or the store fails; SMTP failures are recorded in
    /// the outbox (retried by the next run) and do not throw.
    public func runOnce() async throws(IntakeFailure) {
        logger.info("started", metadata: ["event": "started", "mode": "once", "mail.mailbox": "\(mailbox)"])
        let client = dependencies.connectMailbox()
        do {
            try await makePoller().check(client)
        } catch {
            await client.close()
            throw error
        }
        await client.close()
        let report = await makeAcknowledger().pass()
        makeSLAWatcher().check()
        logger.info("stopped", metadata: [
            "event": "stopped", "mode": "once", "outbox.sent": "\(report.sent)", "outbox.retrying": "\(report.retrying)",
            "outbox.failed": "\(report.failed)",
        ])
    }

    /// Runs until SIGTERM/SIGINT (graceful: the mail in hand is finished, then every service stops;
    /// the group is given 10 s). SIGHUP reloads rules, plans and templates.
    public func run() async throws {
        logger.info("started", metadata: ["event": "started", "mail.mailbox": "\(mailbox)", "store.path": "\(configuration.storePath)"])
        let reloader = ReloadSignalService { [self] in _ = await self.reload() }
        var groupConfiguration = ServiceGroupConfiguration(
            services: [
                .init(service: makePoller()), .init(service: makeAcknowledger()), .init(service: makeSLAWatcher()),
                .init(service: StatusReporter(store: dependencies.store, notifier: dependencies.notifier, state: state, clock: dependencies.clock)),
                .init(service: reloader),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(9)
        groupConfiguration.maximumCancellationDuration = .seconds(1)
        let group = ServiceGroup(configuration: groupConfiguration)
        let notifier = dependencies.notifier
        do {
            try await withGracefulShutdownHandler {
                try await group.run()
            } onGracefulShutdown: {
                notifier.stopping()
            }
        } catch {
            notifier.stopping()
            logger.error("stopped", metadata: ["event": "stopped", "error": "\(error)"])
            throw error
        }
        notifier.stopping()
        logger.info("stopped", metadata: ["event": "stopped"])
    }

    /// Reloads rules, plans and templates (SIGHUP). A bad configuration keeps the running one and
    /// logs why; returns whether the new settings are in force.
    @discardableResult
    public func reload() async -> Bool {
        do {
            let configuration = try reloadConfiguration?() ?? self.configuration
            let next = try IntakeSettings.load(configuration)
            settings.replace(with: next)
            logger.notice("reloaded", metadata: ["event": "reloaded", "rules": "\(configuration.rulesFile ?? "built-in")",
                                                 "templates": "\(configuration.templates.directory ?? "built-in")"])
            return true
        } catch {
            logger.error("reload_failed", metadata: ["event": "reload_failed", "error": "\(error)", "kept": "previous settings"])
            return false
        }
    }
}
