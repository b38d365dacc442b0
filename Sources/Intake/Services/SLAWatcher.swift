import Foundation
import Logging
import ServiceLifecycle
import Tickets
import TicketStore

/// Watches open tickets that still owe an acknowledgement: at 75 % of the target it records and
/// logs `sla_at_risk`, at 100 % `sla_breached` — once each per ticket, even across restarts (the
/// store's unique events). The clock never pauses (24/7 policy), so SMTP being down shows here.
final class SLAWatcher: Service, Sendable {
    let store: TicketStore
    let clock: any DaemonClock
    let logger: Logger
    let interval: Duration

    init(store: TicketStore, clock: any DaemonClock, logger: Logger, interval: Duration = .seconds(15)) {
        self.store = store
        self.clock = clock
        self.logger = logger
        self.interval = interval
    }

    /// Checks every `interval` until shutdown.
    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            check()
            do {
                try await cancelWhenGracefulShutdown { [clock, interval] in try await clock.sleep(for: interval) }
            } catch {
                break
            }
        }
    }

    /// One pass at the current time. Returns the (ticket, event) pairs newly recorded.
    @discardableResult
    func check() -> [(TicketID, SLAEvent.Kind)] {
        let now = clock.now()
        var recorded: [(TicketID, SLAEvent.Kind)] = []
        do {
            for ticket in try store.openUnacknowledged(now: now) {
                let elapsed = now.timeIntervalSince(ticket.receivedAt)
                let target = TimeInterval(ticket.targetSeconds)
                var due: [SLAEvent.Kind] = []
                if elapsed >= target * 0.75, ticket.atRiskAt == nil { due.append(.atRisk) }
                if elapsed >= target, ticket.breachedAt == nil { due.append(.breached) }
                for kind in due {
                    let detail = "elapsed_s=\(Int(elapsed)) target_s=\(ticket.targetSeconds)"
                    guard try store.recordSLAEvent(SLAEvent(ticketID: ticket.id, kind: kind, at: now, detail: detail)) else { continue }
                    recorded.append((ticket.id, kind))
                    let name = kind == .atRisk ? "sla_at_risk" : "sla_breached"
                    logger.warning("\(name)", metadata: [
                        "event": "\(name)", "ticket.id": "\(ticket.id.rawValue)", "ticket.priority": "\(ticket.priority.code)",
                        "ticket.plan": "\(ticket.plan.rawValue)", "sla.target_s": "\(ticket.targetSeconds)",
                        "sla.elapsed_s": "\(Int(elapsed))", "ack.status": "\(ticket.ackStatus.rawValue)",
                    ])
                }
            }
        } catch {
            logger.error("store_error", metadata: ["event": "store_error", "error": "\(error)"])
        }
        return recorded
    }
}
