import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads rules, plans and templates on SIGHUP without dropping work: a failed reload keeps the
/// running settings and logs why.
final class ReloadSignalService: Service, Sendable {
    let reload: @Sendable () async -> Void

    init(reload: @escaping @Sendable () async -> Void) {
        self.reload = reload
    }

    /// Waits for SIGHUP until shutdown.
    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                await self.reload()
            }
        }
    }
}
