import Foundation

/// The daemon's sense of time: every receipt, acknowledgement and SLA decision reads `now()`
/// from here, so tests can move time instead of sleeping.
public protocol DaemonClock: Sendable {
    /// The current instant.
    func now() -> Date
    /// Suspends for `duration` (throws `CancellationError` when the task is cancelled).
    func sleep(for duration: Duration) async throws
}

/// The wall clock (`Date()`) and `Task.sleep`.
public struct SystemDaemonClock: DaemonClock {
    /// Creates the system clock.
    public init() {}
    /// `Date()`.
    public func now() -> Date { Date() }
    /// `Task.sleep(for:)`.
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}
