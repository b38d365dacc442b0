import Foundation
import MailCore
import MailTransport
import Testing
@testable import Intake
import Tickets
import TicketStore

@Suite("Daemon outbox: retries, permanent failures, SLA clock")
struct DaemonOutboxAndSLATests {
    @Test func temporaryRefusalIsRetriedWithBackoff() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.sender.failNext(TransportError(.rejectedTemporarily, "mailbox busy", replyCode: 451))
        h.deliver(mail(subject: "Ajuda", body: "Olá"))
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.listTickets().first?.ticket)
        #expect(ticket.ackStatus == .pending)
        let item = try #require(try h.store.outboxItems(ticketID: ticket.id).first)
        #expect(item.attempts == 1)
        #expect(item.status == .pending)
        #expect(item.nextAttemptAt > h.clock.now())
        #expect(item.lastError?.contains("451") == true)
        #expect(h.log.events("smtp_retry").count == 1)

        // Not due yet: nothing is sent.
        #expect(await h.daemon.makeAcknowledger().pass() == Acknowledger.PassReport())
        h.clock.advance(by: item.nextAttemptAt.timeIntervalSince(h.clock.now()) + 1)
        let report = await h.daemon.makeAcknowledger().pass()
        #expect(report.sent == 1)
        let acknowledged = try #require(try h.store.ticket(id: ticket.id))
        #expect(acknowledged.ackStatus == .sent)
        #expect(acknowledged.acknowledgedAt == h.clock.now())
        #expect(acknowledged.responseSeconds == Int(h.clock.now().timeIntervalSince(ticket.receivedAt)))
        #expect(h.sender.sent.count == 1)
    }

    @Test func unreachableServerStopsThePassWithoutBurningAttempts() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.sender.failNext(TransportError(.connectionFailed, "connection refused"), times: 1)
        h.deliver(mail(subject: "Um", body: "Olá"))
        h.deliver(mail(from: "bia@acme.test", subject: "Dois", body: "Olá"))
        try await h.daemon.runOnce()
        #expect(h.sender.attempts == 1)
        let tickets = try h.store.listTickets()
        for summary in tickets {
            #expect(try h.store.outboxItems(ticketID: summary.ticket.id).first?.attempts == 0)
        }
        #expect(h.log.events("smtp_retry").first?.metadata["smtp.state"] == "unreachable")
        let report = await h.daemon.makeAcknowledger().pass()
        #expect(report.sent == 2)
        #expect(h.log.events("smtp_recovered").count == 1)
    }

    @Test func permanentRefusalIsRecordedAndNeverRetried() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.sender.failNext(TransportError(.rejectedPermanently, "no such user", replyCode: 550))
        h.deliver(mail(subject: "Ajuda", body: "Olá"))
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.listTickets().first?.ticket)
        #expect(ticket.ackStatus == .failed)
        #expect(try h.store.outboxItems(ticketID: ticket.id).first?.status == .failed)
        #expect(try h.store.slaEvents(ticketID: ticket.id).contains { $0.kind == .ackFailed })
        #expect(h.log.events("ack_failed").count == 1)
        h.clock.advance(by: 86_400)
        _ = await h.daemon.makeAcknowledger().pass()
        #expect(h.sender.attempts == 1)
    }

    @Test func slaAtRiskAndBreachedAreLoggedOnceEachWhileSMTPIsDown() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.sender.failNext(TransportError(.connectionFailed, "down"), times: 100)
        h.deliver(mail(subject: "Sistema fora do ar", body: "Olá, o serviço está fora do ar."))
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.listTickets().first?.ticket)
        let watcher = h.daemon.makeSLAWatcher()
        let target = TimeInterval(ticket.targetSeconds)

        h.clock.advance(by: target * 0.74)
        #expect(watcher.check().isEmpty)
        h.clock.advance(by: target * 0.02)
        #expect(watcher.check().map(\.1) == [.atRisk])
        #expect(watcher.check().isEmpty)
        h.clock.advance(by: target * 0.25)
        #expect(watcher.check().map(\.1) == [.breached])
        #expect(watcher.check().isEmpty)
        #expect(h.log.events("sla_at_risk").count == 1)
        #expect(h.log.events("sla_breached").count == 1)
        #expect(h.log.events("sla_at_risk").first?.metadata["ticket.id"] == String(ticket.id.rawValue))

        // SMTP returns: the acknowledgement goes out with the honest (late) response time.
        let sender = FakeSender()
        let store = h.store
        let mailbox = h.mailbox
        let recovered = try IntakeDaemon(
            configuration: h.configuration,
            dependencies: DaemonDependencies(store: store, connectMailbox: { mailbox }, connectSender: { sender }, clock: h.clock),
            logger: h.log.logger)
        let report = await recovered.makeAcknowledger().pass()
        #expect(report.sent == 1)
        let acknowledged = try #require(try h.store.ticket(id: ticket.id))
        #expect(acknowledged.responseMet == false)
        #expect(acknowledged.responseSeconds == Int(h.clock.now().timeIntervalSince(ticket.receivedAt)))
        #expect(h.log.events("ack_sent").last?.metadata["sla"] == "breached")
    }

    @Test func jumpPastTheTargetRecordsBothEvents() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.sender.failNext(TransportError(.timedOut, "stalled"), times: 10)
        h.deliver(mail(subject: "Pergunta", body: "Olá"))
        try await h.daemon.runOnce()
        h.clock.advance(by: 2 * 86_400)
        #expect(h.daemon.makeSLAWatcher().check().map(\.1) == [.atRisk, .breached])
    }
}

@Suite("Daemon resolution: surveys, answers, reopening, agents")
struct DaemonResolutionTests {
    func resolveWithSurvey(_ h: DaemonHarness, _ id: TicketID) throws {
        let survey = OutgoingMailRequest(recipient: "ana@acme.test", messageID: MessageID("survey-\(id.rawValue)@example.test"),
                                         language: "pt", notBefore: h.clock.now())
        try h.store.resolve(ticketID: id, comment: "fixed", at: h.clock.now(), survey: survey)
    }

    @Test func surveyAnswerIsRecordedAndDoesNotReopen() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Áudio falhando", body: "Olá"))
        try await h.daemon.runOnce()
        let id = try #require(try h.store.listTickets().first?.ticket.id)
        try resolveWithSurvey(h, id)
        _ = await h.daemon.makeAcknowledger().pass()
        let survey = try #require(h.sender.sent.last)
        #expect(survey.header("Auto-Submitted") == "auto-generated")
        let parsedSurvey = try MessageParser().parse(survey.raw)
        #expect(parsedSurvey.subject == "[#\(id.rawValue)] Como foi nosso atendimento? - Áudio falhando")
        #expect(parsedSurvey.htmlBody?.contains("mailto:support@example.test?subject=%5B%23\(id.rawValue)%5D%20rating%205") == true)
        #expect(parsedSurvey.text.contains("1 a 5"))

        h.deliver(mail(subject: "Re: [#\(id.rawValue)] Como foi nosso atendimento?", body: "5 - ótimo atendimento\n\n> citação",
                       headers: ["In-Reply-To: <survey-\(id.rawValue)@example.test>"]))
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.ticket(id: id))
        #expect(ticket.status == .resolved)
        let answers = try h.store.surveyAnswers(ticketID: id)
        #expect(answers.map(\.rating) == [5])
        #expect(answers.first?.comment == "ótimo atendimento")

        // A later button answer replaces the rating; the history is kept.
        h.deliver(mail(subject: "[#\(id.rawValue)] rating 3", body: ""))
        try await h.daemon.runOnce()
        #expect(try h.store.surveyAnswers(ticketID: id).map(\.rating) == [5, 3])
        #expect(try h.store.listTickets().first?.satisfaction?.rating == 3)
        #expect(try h.store.ticket(id: id)?.status == .resolved)
    }

    @Test func plainReplyToAResolvedTicketReopensIt() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Erro na gravação", body: "Olá"))
        try await h.daemon.runOnce()
        let id = try #require(try h.store.listTickets().first?.ticket.id)
        try resolveWithSurvey(h, id)
        h.deliver(mail(subject: "Re: [#\(id.rawValue)] Erro na gravação", body: "O erro voltou."))
        try await h.daemon.runOnce()
        #expect(try h.store.ticket(id: id)?.status == .open)
        #expect(h.log.events("ticket_reopened").count == 1)
        #expect(try h.store.slaEvents(ticketID: id).contains { $0.kind == .reopened })
    }

    @Test func agentReplyInCopyRecordsTheFirstHumanResponse() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        h.deliver(mail(subject: "Integração API", body: "Olá"), ago: 600)
        try await h.daemon.runOnce()
        let id = try #require(try h.store.listTickets().first?.ticket.id)
        h.clock.advance(by: 1200)
        h.deliver(mail(from: "Agente <agent@example.test>", to: "ana@acme.test", subject: "Re: [#\(id.rawValue)] Integração API",
                       body: "Olá Ana, veja a documentação.", headers: ["Cc: support@example.test"]))
        try await h.daemon.runOnce()
        let ticket = try #require(try h.store.ticket(id: id))
        #expect(ticket.agent == "agent@example.test")
        #expect(ticket.agentResponseSeconds == 1800)
        #expect(h.sender.sent.count == 1)
    }

    @Test func badReloadKeepsTheRunningSettings() async throws {
        let h = try DaemonHarness()
        defer { h.cleanUp() }
        var broken = h.configuration
        broken.templates.directory = "/nonexistent/templates"
        let daemon = try IntakeDaemon(
            configuration: h.configuration,
            dependencies: DaemonDependencies(store: h.store, connectMailbox: { [mailbox = h.mailbox] in mailbox }, connectSender: { [sender = h.sender] in sender }, clock: h.clock),
            logger: h.log.logger, reloadConfiguration: { [broken] in broken })
        #expect(await daemon.reload() == false)
        #expect(h.log.events("reload_failed").count == 1)
        h.deliver(mail(subject: "Depois do reload", body: "Olá"))
        try await daemon.runOnce()
        #expect(h.sender.sent.count == 1)
    }
}
