import Foundation
import Intake
import Testing
import Tickets
import TicketStore

/// `report` figures against a known set of tickets with chosen times: nearest-rank p50/p90, max,
/// compliance, pending tickets with time left, surveys with a replaced answer, first human response.
@Suite("Report figures")
struct ReportFiguresTests {
    static let t0 = OperatorStoreFixture.t0
    static let now = t0.addingTimeInterval(5 * 3600)

    /// The known set:
    /// - pro P1 (1 h): responses 600, 1800, 3000, 5400 s → p50 1800, p90 5400, max 5400; 3 met, 1 breached;
    ///   an agent replied to the first after 7200 s.
    /// - pro P2 (4 h): one never acknowledged, received at t0 → past due at now (t0 + 5 h): breached, pending −1 h.
    /// - business P3 (24 h): one never acknowledged, received at t0 + 4 h → pending, 23 h left, not breached.
    /// - free P4 (24 h): ten, responses 60…600 s → p50 300, p90 540, max 600; all met.
    /// - two free P4 tickets resolved with surveys sent; answers 5, then 2 replaced by 4 → average 4.5, 100 % 4–5.
    static func makeFixture() throws -> OperatorStoreFixture {
        let fixture = try OperatorStoreFixture()
        var first: TicketID?
        for (index, seconds) in [600, 1800, 3000, 5400].enumerated() {
            let id = try fixture.ticket(plan: .pro, priority: .p1, target: 3600, receivedAt: t0.addingTimeInterval(TimeInterval(index * 60)),
                                        customer: "pro\(index)@acme.test", acknowledgedAfter: seconds)
            first = first ?? id
        }
        try fixture.store.recordAgentResponse(ticketID: first!, agent: "agent@example.test", at: t0.addingTimeInterval(7200))
        try fixture.ticket(plan: .pro, priority: .p2, target: 14_400, receivedAt: t0, customer: "late@acme.test")
        try fixture.ticket(plan: .business, priority: .p3, target: 86_400, receivedAt: t0.addingTimeInterval(4 * 3600), customer: "biz@corp.test")
        var free: [TicketID] = []
        for minute in 1...10 {
            free.append(try fixture.ticket(plan: .free, priority: .p4, target: 86_400, receivedAt: t0.addingTimeInterval(TimeInterval(minute)),
                                           customer: "free\(minute)@mail.test", acknowledgedAfter: minute * 60))
        }
        let resolver = TicketResolver(store: fixture.store, policy: SurveyPolicy(), messageIDDomain: "example.test")
        for id in free.prefix(2) {
            _ = try resolver.resolve(id, comment: nil, now: t0.addingTimeInterval(3600))
            try fixture.sendSurvey(of: id, at: t0.addingTimeInterval(3700))
        }
        try fixture.store.recordSurveyAnswer(ticketID: free[0], rating: 5, comment: "ótimo", at: t0.addingTimeInterval(4000))
        try fixture.store.recordSurveyAnswer(ticketID: free[1], rating: 2, comment: nil, at: t0.addingTimeInterval(4000))
        try fixture.store.recordSurveyAnswer(ticketID: free[1], rating: 4, comment: "better now", at: t0.addingTimeInterval(4100))
        return fixture
    }

    @Test func perPlanAndPriorityFigures() throws {
        let fixture = try Self.makeFixture()
        let report = try fixture.store.report(since: nil, until: nil, now: Self.now)
        #expect(report.lines.map { "\($0.plan.rawValue)/\($0.priority.code)" } == ["pro/P1", "pro/P2", "business/P3", "free/P4"])

        let p1 = try #require(report.lines.first { $0.plan == .pro && $0.priority == .p1 })
        #expect(p1.tickets == 4 && p1.acknowledged == 4 && p1.met == 3 && p1.breached == 1)
        #expect(p1.compliancePercent == 75)
        #expect(p1.p50Seconds == 1800 && p1.p90Seconds == 5400 && p1.maxSeconds == 5400)
        #expect(p1.agentResponded == 1 && p1.agentP50Seconds == 7200)

        let p2 = try #require(report.lines.first { $0.plan == .pro && $0.priority == .p2 })
        #expect(p2.tickets == 1 && p2.acknowledged == 0 && p2.met == 0 && p2.breached == 1 && p2.compliancePercent == 0)
        #expect(p2.p50Seconds == nil && p2.maxSeconds == nil)

        let p3 = try #require(report.lines.first { $0.plan == .business })
        #expect(p3.breached == 0 && p3.compliancePercent == nil)

        let p4 = try #require(report.lines.first { $0.plan == .free })
        #expect(p4.tickets == 10 && p4.met == 10 && p4.breached == 0 && p4.compliancePercent == 100)
        #expect(p4.p50Seconds == 300 && p4.p90Seconds == 540 && p4.maxSeconds == 600)

        #expect(report.pending.map(\.secondsLeft) == [-3600, 82_800])
        #expect(report.surveys.sent == 2 && report.surveys.answered == 2)
        #expect(report.surveys.averageRating == 4.5 && report.surveys.percentFourOrFive == 100)

        let totals = ReportView.totals(report)
        #expect(totals.tickets == 16 && totals.met == 13 && totals.breached == 2)
        #expect(abs((totals.compliance ?? 0) - 13.0 / 15.0 * 100) < 1e-9)
    }

    @Test func periodBoundsSelectByReceivedTime() throws {
        let fixture = try Self.makeFixture()
        // [t0 + 2 min, t0 + 4 h): pro P1 tickets 3 and 4 (received t0+120, t0+180) and nothing else.
        let report = try fixture.store.report(since: Self.t0.addingTimeInterval(120), until: Self.t0.addingTimeInterval(4 * 3600), now: Self.now)
        #expect(report.lines.count == 1)
        let line = try #require(report.lines.first)
        #expect(line.tickets == 2 && line.met == 1 && line.breached == 1 && line.p50Seconds == 3000 && line.maxSeconds == 5400)
        #expect(report.pending.isEmpty)
    }

    @Test func jsonHasTheDocumentedKeysAndFigures() throws {
        let fixture = try Self.makeFixture()
        let report = try fixture.store.report(since: nil, until: nil, now: Self.now)
        let targets = ReportView.targets(try fixture.store.listTickets().map(\.ticket))
        let text = ReportView.json(report, targets: targets, now: Self.now).render()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["since", "until", "generated_at", "lines", "totals", "pending", "surveys"])
        #expect(object["since"] is NSNull)
        #expect(object["generated_at"] as? String == "2026-11-01T05:00:00Z")
        let lines = try #require(object["lines"] as? [[String: Any]])
        for line in lines { #expect(Set(line.keys) == ReportView.lineKeys) }
        let p1 = try #require(lines.first { $0["plan"] as? String == "pro" && $0["priority"] as? String == "P1" })
        #expect(p1["response_p50_seconds"] as? Int == 1800)
        #expect(p1["response_p90_seconds"] as? Int == 5400)
        #expect(p1["compliance_percent"] as? Double == 75)
        #expect(p1["target_seconds"] as? Int == 3600)
        #expect(p1["agent_response_p50_seconds"] as? Int == 7200)
        let business = try #require(lines.first { $0["plan"] as? String == "business" })
        #expect(business["compliance_percent"] is NSNull)
        let pending = try #require(object["pending"] as? [[String: Any]])
        for entry in pending { #expect(Set(entry.keys) == ReportView.pendingKeys) }
        #expect(pending.first?["seconds_left"] as? Int == -3600)
        let surveys = try #require(object["surveys"] as? [String: Any])
        #expect(Set(surveys.keys) == ReportView.surveyKeys)
        #expect(surveys["average_rating"] as? Double == 4.5)
    }

    @Test func terminalTextShowsEveryLineAndTheTotals() throws {
        let fixture = try Self.makeFixture()
        let report = try fixture.store.report(since: nil, until: nil, now: Self.now)
        let text = ReportView.text(report, targets: ReportView.targets(try fixture.store.listTickets().map(\.ticket)),
                                   format: OperatorTimeFormat(timeZone: TimeZone(identifier: "America/Sao_Paulo")!), now: Self.now)
        #expect(text.contains("as of 2026-11-01 02:00:00 -03"))
        let p1 = try #require(text.split(separator: "\n").first { $0.hasPrefix("pro") && $0.contains("P1") })
        #expect(p1.contains("75.0%") && p1.contains("30m") && p1.contains("1h 30m") && p1.contains("2h"))
        #expect(text.contains("total"))
        #expect(text.contains("Satisfaction surveys: 2 sent, 2 answered (100.0%), average 4.50/5, 100.0% rated 4–5"))
        #expect(text.contains("BREACHED"))
    }
}
