import Foundation
import Synchronization

/// What the daemon's parts share about its health: the last successful mailbox check (for the
/// systemd STATUS line) and whether READY was already sent.
final class DaemonState: Sendable {
    private struct Values {
        var lastPoll: Date?
        var readySent = false
    }
    private let values = Mutex(Values())

    /// The last successful mailbox check.
    var lastPoll: Date? { values.withLock { $0.lastPoll } }

    /// Records a successful check; returns true the first time (when READY must be sent).
    func recordPoll(at date: Date) -> Bool {
        values.withLock { values in
            values.lastPoll = date
            defer { values.readySent = true }
            return !values.readySent
        }
    }
}
