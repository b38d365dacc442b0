/// ``ServiceStateNotifier`` over the systemd notify socket (`NOTIFY_SOCKET`): READY, STATUS,
/// WATCHDOG and STOPPING through ``SystemdNotifier``. Silent when systemd did not start us.
public struct SystemdStateNotifier: ServiceStateNotifier {
    let notifier: SystemdNotifier

    /// Wraps a notifier (by default one reading `NOTIFY_SOCKET` and `WATCHDOG_USEC`).
    public init(_ notifier: SystemdNotifier = SystemdNotifier()) {
        self.notifier = notifier
    }

    /// `READY=1`.
    public func ready() { notifier.ready() }
    /// `STATUS=…`.
    public func status(_ text: String) { notifier.status(text) }
    /// `WATCHDOG=1`.
    public func watchdog() { notifier.watchdog() }
    /// `STOPPING=1`.
    public func stopping() { notifier.stopping() }
    /// Half of `WATCHDOG_USEC`, when the watchdog is armed for this process.
    public var watchdogInterval: Duration? { notifier.watchdogInterval }
}
