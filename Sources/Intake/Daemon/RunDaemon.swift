import Foundation
import Logging
import MailTransport
import TicketStore

/// Runs the intake daemon with the real transport and store: opens `store.path`, connects to
/// `imap.url` and `smtp.url`, and either processes the backlog and the outbox once (`once: true`)
/// or runs until SIGTERM/SIGINT, reloading rules, plans and templates on SIGHUP.
public func runDaemon(configuration: SupportIntakeConfiguration, logger: Logger, once: Bool) async throws {
    try await runDaemon(configuration: configuration, logger: logger, once: once, notifier: SilentServiceStateNotifier(),
                        reloadConfiguration: nil)
}

/// ``runDaemon(configuration:logger:once:)`` with the service-manager notifier (systemd) and a
/// closure that re-reads the configuration file on SIGHUP.
public func runDaemon(configuration: SupportIntakeConfiguration, logger: Logger, once: Bool,
                      notifier: any ServiceStateNotifier,
                      reloadConfiguration: (@Sendable () throws -> SupportIntakeConfiguration)?) async throws {
    let store = try TicketStore(path: configuration.storePath)
    let imap = configuration.imap
    let dependencies = DaemonDependencies(
        store: store,
        connectMailbox: { CurlIMAPClient(configuration: imap) },
        sender: CurlSMTPSender(configuration: configuration.smtp),
        clock: SystemDaemonClock(),
        notifier: notifier)
    let daemon = try IntakeDaemon(configuration: configuration, dependencies: dependencies, logger: logger,
                                  reloadConfiguration: reloadConfiguration)
    if once {
        try await daemon.runOnce()
    } else {
        try await daemon.run()
    }
}
