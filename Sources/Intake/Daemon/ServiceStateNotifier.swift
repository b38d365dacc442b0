/// Tells the service manager how the daemon is doing (the systemd notify protocol: `READY=1`,
/// `STATUS=…`, `WATCHDOG=1`, `STOPPING=1`). The CLI passes its `SystemdNotifier`; without
/// `NOTIFY_SOCKET` every call does nothing.
public protocol ServiceStateNotifier: Sendable {
    /// The first mailbox check succeeded.
    func ready()
    /// A one-line human status (open tickets, last poll).
    func status(_ text: String)
    /// The liveness ping.
    func watchdog()
    /// Shutdown has begun.
    func stopping()
    /// How often to ping the watchdog (half of `WATCHDOG_USEC`), nil when no watchdog is armed.
    var watchdogInterval: Duration? { get }
}

/// A notifier that tells no one (no service manager, tests).
public struct SilentServiceStateNotifier: ServiceStateNotifier {
    /// Creates the notifier.
    public init() {}
    /// Does nothing.
    public func ready() {}
    /// Does nothing.
    public func status(_ text: String) {}
    /// Does nothing.
    public func watchdog() {}
    /// Does nothing.
    public func stopping() {}
    /// Never.
    public var watchdogInterval: Duration? { nil }
}
