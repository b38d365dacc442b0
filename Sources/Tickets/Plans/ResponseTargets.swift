/// How long the company has to acknowledge a ticket, by plan and priority (support policy,
/// "Response-time targets"): from receipt of the mail to the customer's acknowledgement.
///
/// Support runs every hour of every day, holidays included, so a target is plain elapsed time.
public struct ResponseTargets: Sendable, Hashable {
    /// The policy's table: Pro, Business, API, Education — P1 1 h, P2 4 h, P3 24 h, P4 24 h;
    /// Free — 24 h for every priority.
    public static let policy = ResponseTargets()

    private var table: [Plan: [Priority: Int]]

    /// The policy's targets with per-plan, per-priority overrides in seconds (`plans.targets`).
    /// Overrides below one second are ignored.
    public init(overrides: [Plan: [Priority: Int]] = [:]) {
        var table: [Plan: [Priority: Int]] = [:]
        let paid: [Priority: Int] = [.p1: 3_600, .p2: 14_400, .p3: 86_400, .p4: 86_400]
        for plan in Plan.allCases {
            table[plan] = plan == .free ? [.p1: 86_400, .p2: 86_400, .p3: 86_400, .p4: 86_400] : paid
        }
        for (plan, byPriority) in overrides {
            for (priority, seconds) in byPriority where seconds > 0 { table[plan, default: [:]][priority] = seconds }
        }
        self.table = table
    }

    /// The target in seconds for a ticket of `priority` from a customer on `plan`.
    public func seconds(plan: Plan, priority: Priority) -> Int {
        table[plan]?[priority] ?? 86_400
    }
}
