import Logging
import Synchronization

/// The process-wide log level, shared by every handler that ``LoggingBootstrap`` creates, so that a
/// configuration reload (SIGHUP) can change `log.level` without re-bootstrapping swift-log (which
/// may only be done once per process).
public final class LogLevelControl: Sendable {
    private let storage: Mutex<Logger.Level>

    /// A control starting at `level`.
    public init(_ level: Logger.Level) {
        storage = Mutex(level)
    }

    /// The current level.
    public var level: Logger.Level {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
