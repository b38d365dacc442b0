import Foundation
import Logging
import ServiceLifecycle
import TicketStore

/// Keeps the service manager informed: `WATCHDOG=1` at half of `WATCHDOG_USEC` (when armed) and a
/// `STATUS=` line with the open tickets and the last successful poll.
final class StatusReporter: Service, Sendable {
    let store: TicketStore
    let notifier: any ServiceStateNotifier
    let state: DaemonState
    let clock: any DaemonClock

    init(store: TicketStore, notifier: any ServiceStateNotifier, state: DaemonState, clock: any DaemonClock) {
        self.store = store
        self.notifier = notifier
        self.state = state
        self.clock = clock
    }

    /// Pings and reports until shutdown.
    func run() async throws {
        let interval = min(notifier.watchdogInterval ?? .seconds(30), .seconds(30))
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if notifier.watchdogInterval != nil { notifier.watchdog() }
            notifier.status(statusLine())
            do {
                try await cancelWhenGracefulShutdown { [clock] in try await clock.sleep(for: interval) }
            } catch {
                break
            }
        }
    }

    func statusLine() -> String {
        let open = (try? store.openTicketCount()).map(String.init) ?? "?"
        let last = state.lastPoll.map { ISO8601DateFormatter().string(from: $0) } ?? "never"
        return "open tickets: \(open); last poll: \(last)"
    }
}
