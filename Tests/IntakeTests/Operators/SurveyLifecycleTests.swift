import Foundation
import MailCore
import MailTransport
import Testing
@testable import Intake
import Tickets
import TicketStore

/// The satisfaction survey through the daemon (fake mailbox and sender, real store and intake):
/// resolve → the survey is sent in the customer's language → the answer "5 - ótimo atendimento"
/// records rating 5 with that comment and does not reopen; a plain reply reopens; a later answer
/// replaces the rating and keeps the history; the throttle holds a second survey back.
@Suite("Survey lifecycle through the daemon")
struct SurveyLifecycleTests {
    static func resolver(_ h: DaemonHarness) -> TicketResolver {
        TicketResolver(store: h.store, policy: SurveyPolicy(delaySeconds: h.configuration.satisfaction.delaySeconds,
                                                            minDaysBetween: h.configuration.satisfaction.minDaysBetween),
                       messageIDDomain: "example.test")
    }

    /// A ticket from Ana, acknowledged, resolved, with its survey sent; returns the ticket and the survey.
    static func resolvedWithSurvey(_ h: DaemonHarness) async throws -> (TicketID, FakeSender.Sent) {
        h.deliver(mail(subject: "Site fora do ar", body: "Olá, o site não abre desde as 9h.", messageID: "s1@acme.test"))
        try await h.daemon.runOnce()
        let id = try #require(try h.store.listTickets().first?.ticket.id)
        _ = try resolver(h).resolve(id, comment: "DNS", now: h.clock.now())
        try await h.daemon.runOnce()
        let survey = try #require(h.sender.sent.last)
        return (id, survey)
    }

    @Test func answerRecordsTheRatingAndDoesNotReopen() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let (id, survey) = try await Self.resolvedWithSurvey(h)
        #expect(h.sender.sent.count == 2)
        #expect(survey.header("Auto-Submitted") == "auto-generated")
        let parsed = try MessageParser().parse(survey.raw)
        #expect(parsed.subject.hasPrefix("[#\(id.rawValue)] "), "\(parsed.subject)")
        #expect(parsed.text.contains("1 a 5"), "the text part asks for a number from 1 to 5 in Portuguese")
        let html = try #require(parsed.htmlBody, "the survey has an HTML part")
        #expect(html.components(separatedBy: "mailto:support@example.test?subject=").count - 1 == 5, "five mailto buttons")
        #expect(!html.contains("http://") && !html.contains("https://"), "no web links")
        #expect(survey.header("In-Reply-To") == "<s1@acme.test>")
        #expect(survey.envelope.recipients == ["ana@acme.test"])
        let surveyID = try #require(survey.header("Message-ID"))

        h.clock.advance(by: 600)
        h.deliver(mail(subject: "Re: " + parsed.subject, body: "5 - ótimo atendimento\r\n\r\n> Como foi nosso atendimento?",
                       headers: ["In-Reply-To: \(surveyID)", "References: \(surveyID)"]))
        try await h.daemon.runOnce()
        let summary = try #require(try h.store.listTickets().first)
        #expect(summary.satisfaction?.rating == 5)
        #expect(summary.satisfaction?.comment == "ótimo atendimento")
        #expect(summary.ticket.status == .resolved, "an answer does not reopen")
        #expect(h.sender.sent.count == 2, "no acknowledgement for an answer")

        // A later answer (a button) replaces the rating; the first is kept.
        h.clock.advance(by: 600)
        h.deliver(mail(subject: "[#\(id.rawValue)] rating 4", body: ""))
        try await h.daemon.runOnce()
        #expect(try h.store.listTickets().first?.satisfaction?.rating == 4)
        #expect(try h.store.surveyAnswers(ticketID: id).map(\.rating) == [5, 4])
        #expect(try h.store.ticket(id: id)?.status == .resolved)
    }

    @Test func plainReplyToAResolvedTicketReopensIt() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        let (id, _) = try await Self.resolvedWithSurvey(h)
        let ackID = try #require(h.sender.sent.first?.header("Message-ID"))
        h.clock.advance(by: 3600)
        h.deliver(mail(subject: "Re: [#\(id.rawValue)] Site fora do ar", body: "Voltou a cair agora há pouco.",
                       headers: ["In-Reply-To: \(ackID)", "References: <s1@acme.test> \(ackID)"]))
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.ticket(id: id))
        #expect(ticket.status == .open)
        #expect(try h.store.slaEvents(ticketID: id).map(\.kind).last == .reopened)
        #expect(try h.store.surveyAnswers(ticketID: id).isEmpty)
        #expect(try h.store.listTickets().count == 1, "no new ticket")
    }

    @Test func oneSurveyPerCustomerPerPeriodThroughTheDaemon() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        _ = try await Self.resolvedWithSurvey(h)
        h.clock.advance(by: 86_400)
        h.deliver(mail(subject: "Outra dúvida", body: "Como exporto os relatórios?"))
        try await h.daemon.runOnce()
        let second = try #require(try h.store.listTickets().first?.ticket.id)
        let outcome = try Self.resolver(h).resolve(second, comment: nil, now: h.clock.now())
        #expect(outcome.surveySkipReason == "throttled")
        let sentBefore = h.sender.sent.count
        try await h.daemon.runOnce()
        #expect(h.sender.sent.count == sentBefore, "no second survey within satisfaction.min_days_between")
    }

    @Test func surveyWaitsForTheConfiguredDelay() async throws {
        let h = try DaemonHarness { $0.satisfaction.delaySeconds = 3600 }
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Dúvida", body: "Como configuro a sala?"))
        try await h.daemon.runOnce()
        let id = try #require(try h.store.listTickets().first?.ticket.id)
        _ = try Self.resolver(h).resolve(id, comment: nil, now: h.clock.now())
        try await h.daemon.runOnce()
        #expect(h.sender.sent.count == 1, "only the acknowledgement so far")
        h.clock.advance(by: 3601)
        try await h.daemon.runOnce()
        #expect(h.sender.sent.count == 2)
        #expect(h.sender.sent.last?.header("Auto-Submitted") == "auto-generated")
    }
}
