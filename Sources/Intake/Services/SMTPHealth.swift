import Logging
import MailTransport
import Synchronization

/// Whether the SMTP server was last seen up, so that an outage is logged once when it starts
/// (`smtp_unreachable`) and once when it ends (`smtp_recovered`), not on every retry.
final class SMTPHealth: Sendable {
    private let up = Mutex<Bool?>(nil)

    func set(_ value: Bool, logger: Logger, error: TransportError? = nil) {
        let previous = up.withLock { state -> Bool? in
            defer { state = value }
            return state
        }
        guard previous != value else { return }
        if value {
            if previous == false { logger.notice("smtp_recovered", metadata: ["event": "smtp_recovered"]) }
        } else {
            logger.warning("smtp_retry", metadata: [
                "event": "smtp_retry", "smtp.state": "unreachable", "error": "\(error.map { "\($0)" } ?? "unknown")",
            ])
        }
    }
}
