import Foundation
import Intake
import MailCore
import Testing
import Tickets
import TicketStore

/// Resolution through the store: survey queued in the customer's language, threaded under their
/// mail, throttled per customer, withheld from machines.
@Suite("Ticket resolution")
struct TicketResolverTests {
    static let t0 = OperatorStoreFixture.t0

    @Test func queuesTheSurveyInTheCustomersLanguageThreadedUnderTheirMail() throws {
        let fixture = try OperatorStoreFixture()
        let id = try fixture.ticket(plan: .pro, priority: .p2, target: 14_400, receivedAt: Self.t0, customer: "elena@acme.test",
                                    language: "es", acknowledgedAfter: 10)
        let resolver = TicketResolver(store: fixture.store, policy: SurveyPolicy(delaySeconds: 120, minDaysBetween: 7), messageIDDomain: "example.test")
        let outcome = try resolver.resolve(id, comment: "  reinstalado  ", now: Self.t0.addingTimeInterval(600))
        let survey = try #require(try fixture.store.outboxItems(ticketID: id).first { $0.kind == .survey })
        #expect(outcome.surveyOutbox == survey.id)
        #expect(survey.language == "es" && survey.recipient == "elena@acme.test" && survey.status == .pending)
        #expect(survey.nextAttemptAt == Self.t0.addingTimeInterval(720))
        #expect(survey.inReplyTo?.rawValue.hasPrefix("m") == true)
        #expect(survey.references.count == 2)  // the customer's mail and our acknowledgement
        #expect(survey.messageID.rawValue.hasSuffix("@example.test"))
        let ticket = try #require(try fixture.store.ticket(id: id))
        #expect(ticket.status == .resolved && ticket.resolutionComment == "reinstalado")
        #expect(try fixture.store.slaEvents(ticketID: id).map(\.kind).suffix(2) == [.resolved, .surveyQueued])
    }

    @Test func oneSurveyPerCustomerPerPeriod() throws {
        let fixture = try OperatorStoreFixture()
        let first = try fixture.ticket(plan: .free, priority: .p4, target: 86_400, receivedAt: Self.t0, customer: "ana@acme.test")
        let second = try fixture.ticket(plan: .free, priority: .p4, target: 86_400, receivedAt: Self.t0, customer: "ANA@acme.test")
        let other = try fixture.ticket(plan: .free, priority: .p4, target: 86_400, receivedAt: Self.t0, customer: "bruno@acme.test")
        let resolver = TicketResolver(store: fixture.store, policy: SurveyPolicy(delaySeconds: 0, minDaysBetween: 7), messageIDDomain: "example.test")
        #expect(try resolver.resolve(first, comment: nil, now: Self.t0.addingTimeInterval(60)).surveyOutbox != nil)
        let throttled = try resolver.resolve(second, comment: nil, now: Self.t0.addingTimeInterval(6 * 86_400))
        #expect(throttled.surveyOutbox == nil && throttled.surveySkipReason == "throttled")
        #expect(try fixture.store.ticket(id: second)?.status == .resolved)
        #expect(try resolver.resolve(other, comment: nil, now: Self.t0.addingTimeInterval(120)).surveyOutbox != nil)

        // After the period the same customer is asked again.
        try resolver.reopen(second, now: Self.t0.addingTimeInterval(7 * 86_400))
        #expect(try resolver.resolve(second, comment: nil, now: Self.t0.addingTimeInterval(7 * 86_400 + 120)).surveyOutbox != nil)
    }

    @Test func noSurveyToMachinesOrLoopSuspects() throws {
        let fixture = try OperatorStoreFixture()
        let machine = try fixture.ticket(plan: .free, priority: .p4, target: 86_400, receivedAt: Self.t0, customer: "noreply@shop.test")
        let capped = try fixture.ticket(plan: .free, priority: .p4, target: 86_400, receivedAt: Self.t0, customer: "loop@acme.test", skipAck: "ack_cap")
        let resolver = TicketResolver(store: fixture.store, policy: SurveyPolicy(), messageIDDomain: "example.test")
        #expect(try resolver.resolve(machine, comment: nil, now: Self.t0).surveySkipReason == "automated_recipient")
        #expect(try resolver.resolve(capped, comment: nil, now: Self.t0).surveySkipReason == "ack_cap")
        #expect(try fixture.store.outboxItems(ticketID: machine).allSatisfy { $0.kind == .ack })
    }
}
