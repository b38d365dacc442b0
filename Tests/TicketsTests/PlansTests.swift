import Testing
@testable import Tickets

/// Plan directory look-ups and the policy's response targets.
@Suite struct PlansTests {
    let directory = PlanDirectory(customers: [
        (match: "@acme.com", plan: .business),
        (match: "ceo@acme.com", plan: .pro),
        (match: "@*.uni.edu", plan: .education),
        (match: "@uni.edu", plan: .education),
        (match: "Dev <API@Widgets.io>", plan: .api),
        (match: "@widgets.io", plan: .free),
        (match: "@acme.com", plan: .api),
    ], defaultPlan: .free)

    @Test(arguments: [
        ("ceo@acme.com", Plan.pro),            // exact address before domain, even listed later
        ("CEO@ACME.COM", .pro),                // case-insensitive
        ("Big Boss <ceo@acme.com>", .pro),     // display name and brackets
        ("ana@acme.com", .business),           // first domain match wins
        ("ana@sales.acme.com", .free),         // a plain domain does not cover subdomains
        ("prof@cs.uni.edu", .education),       // @*.domain covers subdomains
        ("reitor@uni.edu", .education),
        ("api@widgets.io", .api),
        ("other@widgets.io", .free),
        ("someone@elsewhere.org", .free),      // default
        ("not-an-address", .free),
        ("", .free),
        ("@acme.com", .free),
    ])
    func planForAddress(_ address: String, _ expected: Plan) {
        #expect(directory.plan(for: address) == expected)
    }

    @Test func defaultPlanIsConfigurable() {
        let d = PlanDirectory(customers: [], defaultPlan: .pro)
        #expect(d.plan(for: "x@y.com") == .pro)
    }

    @Test(arguments: [("ana@acme.com", true), ("@acme.com", true), ("@*.acme.com", true), ("acme.com", false),
                      ("@", false), ("@*.", false), ("a@b@c", false)])
    func validMatches(_ match: String, _ valid: Bool) {
        #expect(PlanDirectory.isValidMatch(match) == valid)
    }

    @Test(arguments: [Plan.pro, .business, .api, .education])
    func paidPlansFollowThePolicy(_ plan: Plan) {
        let t = ResponseTargets.policy
        #expect(t.seconds(plan: plan, priority: .p1) == 3_600)
        #expect(t.seconds(plan: plan, priority: .p2) == 14_400)
        #expect(t.seconds(plan: plan, priority: .p3) == 86_400)
        #expect(t.seconds(plan: plan, priority: .p4) == 86_400)
    }

    @Test(arguments: Priority.allCases)
    func freePlanIs24HoursForEveryPriority(_ p: Priority) {
        #expect(ResponseTargets.policy.seconds(plan: .free, priority: p) == 86_400)
    }

    @Test func overridesReplaceOnlyWhatTheyName() {
        let t = ResponseTargets(overrides: [.pro: [.p1: 1_800], .free: [.p1: 43_200, .p2: 0]])
        #expect(t.seconds(plan: .pro, priority: .p1) == 1_800)
        #expect(t.seconds(plan: .pro, priority: .p2) == 14_400)
        #expect(t.seconds(plan: .free, priority: .p1) == 43_200)
        #expect(t.seconds(plan: .free, priority: .p2) == 86_400)  // non-positive override ignored
        #expect(t.seconds(plan: .business, priority: .p1) == 3_600)
    }
}
