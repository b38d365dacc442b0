import MailTransport
import TicketStore

/// What the daemon talks to: the store, the mailbox, the MTA, the clock and the service manager.
/// `runDaemon` builds the real ones from the configuration; tests pass fakes.
public struct DaemonDependencies: Sendable {
    /// The open store.
    public var store: TicketStore
    /// Makes a mailbox client; called again after a connection failure.
    public var connectMailbox: @Sendable () -> any MailboxClient
    /// Makes an SMTP sender for one outbox pass (closed at the end of the pass; the libcurl sender
    /// cannot be reused after `close()`).
    public var connectSender: @Sendable () -> any MailSender
    /// The clock.
    public var clock: any DaemonClock
    /// The service-manager notifier.
    public var notifier: any ServiceStateNotifier

    /// Creates the dependencies.
    public init(store: TicketStore, connectMailbox: @escaping @Sendable () -> any MailboxClient,
                connectSender: @escaping @Sendable () -> any MailSender,
                clock: any DaemonClock = SystemDaemonClock(), notifier: any ServiceStateNotifier = SilentServiceStateNotifier()) {
        self.store = store
        self.connectMailbox = connectMailbox
        self.connectSender = connectSender
        self.clock = clock
        self.notifier = notifier
    }
}
