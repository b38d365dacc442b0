import Foundation
import Testing
import Tickets

/// One survey per customer per `min_days_between`, never to machines, after `delay`.
@Suite("Survey policy")
struct SurveyPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_793_491_200)

    @Test func sendsAfterTheDelay() {
        let policy = SurveyPolicy(delaySeconds: 3600, minDaysBetween: 7)
        #expect(policy.decide(recipient: "ana@acme.test", lastSurveyQueued: nil, ackSkipReason: nil, now: Self.now)
                == .send(notBefore: Self.now.addingTimeInterval(3600)))
    }

    @Test(arguments: [(0.0, false), (6.9, false), (7.0, true), (30.0, true)])
    func throttlesPerCustomer(daysAgo: Double, allowed: Bool) {
        let policy = SurveyPolicy(delaySeconds: 0, minDaysBetween: 7)
        let decision = policy.decide(recipient: "ana@acme.test", lastSurveyQueued: Self.now.addingTimeInterval(-daysAgo * 86_400),
                                     ackSkipReason: nil, now: Self.now)
        #expect(decision == (allowed ? .send(notBefore: Self.now) : .skip(reason: "throttled")))
    }

    @Test func zeroDaysDisablesTheThrottle() {
        let policy = SurveyPolicy(delaySeconds: 0, minDaysBetween: 0)
        #expect(policy.decide(recipient: "ana@acme.test", lastSurveyQueued: Self.now, ackSkipReason: nil, now: Self.now) == .send(notBefore: Self.now))
    }

    @Test(arguments: ["noreply@acme.test", "No-Reply@acme.test", "mailer-daemon@mx.test", "postmaster@acme.test",
                      "bounces+123@list.test", "dev-bounces@list.test", "owner-dev@list.test", "dev-request@list.test",
                      "noreply-billing@acme.test", "not-an-address"])
    func neverToMachines(address: String) {
        #expect(SurveyPolicy.isAutomatedAddress(address))
        #expect(SurveyPolicy().decide(recipient: address, lastSurveyQueued: nil, ackSkipReason: nil, now: Self.now)
                == .skip(reason: "automated_recipient"))
    }

    @Test(arguments: ["ana@acme.test", "norberto@acme.test", "reply@acme.test", "daemonic.fan@acme.test"])
    func peopleAreNotMachines(address: String) {
        #expect(!SurveyPolicy.isAutomatedAddress(address))
    }

    @Test(arguments: ["ack_cap", "auto_response_suppressed"])
    func notWhenTheAcknowledgementWasWithheldForLoops(reason: String) {
        #expect(SurveyPolicy().decide(recipient: "ana@acme.test", lastSurveyQueued: nil, ackSkipReason: reason, now: Self.now)
                == .skip(reason: reason))
        #expect(SurveyPolicy().decide(recipient: "ana@acme.test", lastSurveyQueued: nil, ackSkipReason: "backfill_too_old", now: Self.now)
                == .send(notBefore: Self.now))
    }
}
