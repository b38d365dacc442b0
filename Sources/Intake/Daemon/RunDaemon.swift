import Foundation
import Logging
import MailTransport
import TicketStore

/// Runs the intake daemon with the real transport and store: opens `store.path`, connects to
/// `imap.url` and `smtp.url`, and either processes the backlog and the outbox once (`once: true`)
/// or runs until SIGTERM/SIGINT, reloading rules and templates on SIGHUP. Reports to systemd when
/// `NOTIFY_SOCKET` is set.
///
/// Errors: a `TransportError` (server unreachable, authentication refused, bad URL) or a
/// `StoreError`, unwrapped so the CLI can map them to exit codes; a `SettingsError` for rules or
/// templates that cannot be loaded.
public func runDaemon(configuration: SupportIntakeConfiguration, logger: Logger, once: Bool) async throws {
    try await runDaemon(configuration: configuration, logger: logger, once: once, notifier: SystemdStateNotifier(),
                        reloadConfiguration: nil)
}

/// ``runDaemon(configuration:logger:once:)`` with an explicit service-manager notifier and a
/// closure that re-reads the configuration file on SIGHUP (so plans and `templates.dir` changes are
/// picked up too; without it, SIGHUP re-reads the rules file and the templates folder).
public func runDaemon(configuration: SupportIntakeConfiguration, logger: Logger, once: Bool,
                      notifier: any ServiceStateNotifier,
                      reloadConfiguration: (@Sendable () throws -> SupportIntakeConfiguration)?) async throws {
    let store = try TicketStore(path: configuration.storePath)
    let imap = try configuration.imap.imapEndpoint()
    let smtp = try configuration.smtp.smtpEndpoint()
    let transportLogger = logger
    let dependencies = DaemonDependencies(
        store: store,
        connectMailbox: { CurlIMAPClient(endpoint: imap, logger: transportLogger) },
        connectSender: { CurlSMTPSender(endpoint: smtp, logger: transportLogger) },
        clock: SystemDaemonClock(),
        notifier: notifier)
    let daemon = try IntakeDaemon(configuration: configuration, dependencies: dependencies, logger: logger,
                                  reloadConfiguration: reloadConfiguration)
    do {
        if once {
            try await daemon.runOnce()
        } else {
            try await daemon.run()
        }
    } catch let failure as IntakeFailure {
        switch failure {
        case .transport(let error): throw error
        case .store(let error): throw error
        }
    }
}
