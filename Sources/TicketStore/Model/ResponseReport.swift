import Foundation
import Tickets

/// How the team meets its targets over a period: per plan × priority response figures, the open
/// tickets still owed an acknowledgement, and the satisfaction surveys.
public struct ResponseReport: Sendable, Hashable {
    /// Figures for one plan and priority.
    public struct Line: Sendable, Hashable {
        /// The plan.
        public var plan: Plan
        /// The priority.
        public var priority: Priority
        /// Tickets received in the period.
        public var tickets: Int
        /// Of those, acknowledged.
        public var acknowledged: Int
        /// Acknowledged within the target.
        public var met: Int
        /// Acknowledged late, or unacknowledged past the target.
        public var breached: Int
        /// `met / (met + breached)` in percent; nil when nothing was decided yet.
        public var compliancePercent: Double?
        /// Median response seconds (nearest rank).
        public var p50Seconds: Int?
        /// 90th percentile response seconds (nearest rank).
        public var p90Seconds: Int?
        /// Slowest response seconds.
        public var maxSeconds: Int?
        /// Median seconds to the first agent reply.
        public var agentP50Seconds: Int?
        /// Tickets an agent replied to.
        public var agentResponded: Int
    }

    /// An open ticket still owed an acknowledgement.
    public struct Pending: Sendable, Hashable {
        /// The ticket.
        public var ticket: StoredTicket
        /// Seconds until the target passes (negative when past).
        public var secondsLeft: Int
    }

    /// Survey figures.
    public struct Surveys: Sendable, Hashable {
        /// Surveys accepted by the MTA in the period.
        public var sent: Int
        /// Tickets with at least one answer.
        public var answered: Int
        /// Mean of the latest ratings.
        public var averageRating: Double?
        /// Share of latest ratings that are 4 or 5, in percent.
        public var percentFourOrFive: Double?
    }

    /// The period start (inclusive), nil for the beginning.
    public var since: Date?
    /// The period end (exclusive), nil for now.
    public var until: Date?
    /// One line per plan × priority that has tickets, ordered by plan then priority.
    public var lines: [Line]
    /// Open tickets not yet acknowledged, most urgent first.
    public var pending: [Pending]
    /// The surveys.
    public var surveys: Surveys
}
