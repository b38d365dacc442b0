import Foundation

/// Whether a resolved ticket's customer gets the satisfaction survey, and when: at most one survey
/// per customer per `satisfaction.min_days_between` days, never to an automated address, never
/// when the customer's mail asked for no automatic answers or tripped the acknowledgement loop cap,
/// and not before `satisfaction.delay` after the resolution. Pure and deterministic.
public struct SurveyPolicy: Sendable, Hashable {
    /// The decision for one resolution.
    public enum Decision: Sendable, Hashable {
        /// Queue the survey, to be sent at or after `notBefore`.
        case send(notBefore: Date)
        /// No survey; the reason is a short code for the log and the operator
        /// (`throttled`, `automated_recipient`, `auto_response_suppressed`, `ack_cap`).
        case skip(reason: String)
    }

    /// Seconds between the resolution and the survey (`satisfaction.delay`).
    public var delaySeconds: Int
    /// Days that must pass between two surveys to the same customer (`satisfaction.min_days_between`);
    /// 0 disables the throttle.
    public var minDaysBetween: Int

    /// Creates a policy.
    public init(delaySeconds: Int = 0, minDaysBetween: Int = 7) {
        self.delaySeconds = delaySeconds
        self.minDaysBetween = minDaysBetween
    }

    /// Ticket acknowledgement skip reasons that also rule out a survey: the sender asked for no
    /// automatic answers, or the per-sender cap suspected a mail loop.
    public static let blockingSkipReasons: Set<String> = ["auto_response_suppressed", "ack_cap"]

    /// Decides for a ticket resolved at `now`, whose customer's last survey was queued at
    /// `lastSurveyQueued` and whose acknowledgement was skipped for `ackSkipReason` (nil if not).
    public func decide(recipient: String, lastSurveyQueued: Date?, ackSkipReason: String?, now: Date) -> Decision {
        if Self.isAutomatedAddress(recipient) { return .skip(reason: "automated_recipient") }
        if let reason = ackSkipReason, Self.blockingSkipReasons.contains(reason) { return .skip(reason: reason) }
        if let last = lastSurveyQueued, minDaysBetween > 0,
           now.timeIntervalSince(last) < TimeInterval(minDaysBetween) * 86_400 {
            return .skip(reason: "throttled")
        }
        return .send(notBefore: now.addingTimeInterval(TimeInterval(max(0, delaySeconds))))
    }

    private static let automatedLocalParts: Set<String> = [
        "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "mailerdaemon",
        "postmaster", "bounce", "bounces", "autoreply", "auto-reply", "auto_reply", "notification", "notifications",
        "daemon", "listserv", "majordomo",
    ]

    /// Whether `address` belongs to a machine (RFC 3834 §2 and common practice): `noreply@`,
    /// `mailer-daemon@`, `postmaster@`, `bounces+…@`, `…-bounces@`, `owner-…@`, `…-request@`.
    public static func isAutomatedAddress(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return true }
        let local = address[..<at].lowercased()
        let base = local.split(separator: "+", maxSplits: 1).first.map(String.init) ?? local
        if automatedLocalParts.contains(base) { return true }
        return base.hasPrefix("noreply") || base.hasPrefix("no-reply") || base.hasSuffix("-bounces") || base.hasPrefix("bounce-")
            || base.hasPrefix("owner-") || base.hasSuffix("-request")
    }
}
