import Logging
import ServiceLifecycle

/// A service that sends `WATCHDOG=1` every ``SystemdNotifier/watchdogInterval`` (half of
/// `WatchdogSec=`) until graceful shutdown begins. It returns at once when the watchdog is off.
///
/// Run it in the daemon's `ServiceGroup`. It only proves the process is scheduled; the daemon can
/// make it stricter by pinging from its poll loop instead.
public struct SystemdWatchdog: Service {
    private let notifier: SystemdNotifier
    private let logger: Logger

    /// A watchdog for the given notifier.
    public init(notifier: SystemdNotifier, logger: Logger) {
        self.notifier = notifier
        self.logger = logger
    }

    /// Pings until cancelled or graceful shutdown.
    public func run() async throws {
        guard let interval = notifier.watchdogInterval else { return }
        let milliseconds = interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000
        logger.debug("watchdog_started", metadata: ["watchdog.interval_ms": "\(milliseconds)"])
        await cancelWhenGracefulShutdown {
            var failing = false
            while !Task.isCancelled {
                let delivered = notifier.watchdog()
                if delivered == failing {  // log state changes only, not every ping
                    failing = !delivered
                    if failing { logger.warning("watchdog_ping_failed") } else { logger.info("watchdog_ping_restored") }
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}
