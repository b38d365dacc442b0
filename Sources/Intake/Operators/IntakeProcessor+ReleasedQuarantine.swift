import Foundation
import Logging
import MailTransport
import TicketStore

extension IntakeProcessor {
    /// Processes one released entry (`quarantine release`) exactly like newly fetched mail: the stored bytes, the original
    /// (mailbox, UIDVALIDITY, UID) and INTERNALDATE, one transaction. An entry that is quarantined
    /// again (still unparseable, still no sender), or that turns out to be stored already (a
    /// duplicate by Message-ID or content), returns to the quarantine with that reason, so it is not
    /// retried on every pass. (The daemon's poller takes entries released but not processed, should
    /// the command stop in between: `MailboxPoller.processReleasedQuarantine()`.)
    func processReleased(_ item: QuarantineItem) throws(StoreError) -> Result {
        let fetched = FetchedMessage(uid: item.location.uid, internalDate: item.internalDate, size: item.raw.count, raw: item.raw)
        let result = try process(fetched, location: item.location, acknowledgeOnlyAfter: nil)
        if case .stored(.duplicate(let ticket), _) = result {
            let of = ticket.map { " of ticket #\($0.rawValue)" } ?? ""
            try store.returnToQuarantine(item.id, detail: "released, but already stored (duplicate\(of)); was: \(item.detail)")
            logger.notice("quarantine_release_duplicate", metadata: ["quarantine.id": "\(item.id)"])
        } else if case .quarantined(let reason, _) = result {
            try store.returnToQuarantine(item.id, detail: "released, then quarantined again (\(reason.rawValue)); was: \(item.detail)")
            logger.warning("quarantine_release_failed", metadata: [
                "event": "quarantine_release_failed", "quarantine.id": "\(item.id)", "reason": "\(reason.rawValue)",
            ])
        } else {
            logger.notice("quarantine_released", metadata: [
                "event": "quarantine_released", "quarantine.id": "\(item.id)", "mail.uid": "\(item.location.uid)",
            ])
        }
        return result
    }
}
