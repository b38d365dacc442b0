import Foundation
import Tickets

/// Which tickets ``TicketStore/listTickets(_:)`` returns; nil fields do not filter.
public struct TicketFilter: Sendable, Hashable {
    /// Open or resolved.
    public var status: StoredTicket.Status?
    /// One priority.
    public var priority: Priority?
    /// One plan.
    public var plan: Plan?
    /// Only tickets whose acknowledgement missed the target, or that are past due unacknowledged.
    public var breachedOnly: Bool
    /// Received at or after.
    public var since: Date?
    /// Received before.
    public var until: Date?
    /// At most this many, newest first.
    public var limit: Int?

    /// Creates a filter.
    public init(status: StoredTicket.Status? = nil, priority: Priority? = nil, plan: Plan? = nil, breachedOnly: Bool = false,
                since: Date? = nil, until: Date? = nil, limit: Int? = nil) {
        self.status = status
        self.priority = priority
        self.plan = plan
        self.breachedOnly = breachedOnly
        self.since = since
        self.until = until
        self.limit = limit
    }
}
